<?xml version="1.0" encoding="UTF-8"?>
<!-- Statement delivered at a meeting (kind="statement"), reference 002. No masthead: centred
     meeting line, place and dates, optional date and agenda line, bold centred title and
     subtitles, then unnumbered 12/14 justified paragraphs in the 130 mm text column.
     Page numbers (9pt bold, centred) from page 2 on. Layout: docs/format-choices.md. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:p="urn:x-mspdoc:paper:1"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    exclude-result-prefixes="p">

  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="font" select="'Liberation Serif, Times New Roman, serif'"/>

  <xsl:template match="/">
    <fo:root font-family="{$font}" font-size="12pt" line-height="14pt" language="{$lang}">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="st-first" page-width="595.28pt" page-height="841.89pt"
            margin-top="0pt" margin-bottom="0pt" margin-left="0pt" margin-right="0pt">
          <fo:region-body margin-top="56.69pt" margin-bottom="113.39pt" margin-left="56.69pt" margin-right="56.69pt"/>
          <fo:region-after region-name="st-first-after" extent="113.39pt"/>
        </fo:simple-page-master>
        <fo:simple-page-master master-name="st-rest" page-width="595.28pt" page-height="841.89pt"
            margin-top="0pt" margin-bottom="0pt" margin-left="0pt" margin-right="0pt">
          <fo:region-body margin-top="56.69pt" margin-bottom="113.39pt" margin-left="56.69pt" margin-right="56.69pt"/>
          <fo:region-after region-name="st-rest-after" extent="113.39pt"/>
        </fo:simple-page-master>
        <fo:page-sequence-master master-name="statement">
          <fo:repeatable-page-master-alternatives>
            <fo:conditional-page-master-reference master-reference="st-first" page-position="first"/>
            <fo:conditional-page-master-reference master-reference="st-rest" page-position="rest"/>
          </fo:repeatable-page-master-alternatives>
        </fo:page-sequence-master>
      </fo:layout-master-set>
      <xsl:call-template name="bookmark-tree"/>

      <fo:page-sequence master-reference="statement" initial-page-number="1" language="{$lang}">
        <xsl:if test="$rtl"><xsl:attribute name="writing-mode">rl-tb</xsl:attribute></xsl:if>
        <fo:title><xsl:value-of select="normalize-space($meta/p:title)"/></fo:title>
        <fo:static-content flow-name="st-rest-after" font-family="{$font}">
          <fo:block start-indent="56.69pt" end-indent="56.69pt" padding-top="27.81pt" font-size="9pt"
              line-height="12pt" font-weight="bold" text-align="center">
            <fo:page-number/>
          </fo:block>
        </fo:static-content>
        <xsl:call-template name="footnote-separator"/>
        <fo:flow flow-name="xsl-region-body" font-family="{$font}" font-size="12pt" line-height="14pt">
          <!-- 24pt between the head and the first paragraph -->
          <fo:block space-after="24pt"><xsl:call-template name="statement-head"/></fo:block>
          <xsl:apply-templates select="/p:paper/p:body"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template name="centred">
    <xsl:param name="content"/>
    <xsl:param name="weight" select="'normal'"/>
    <xsl:param name="after" select="'0pt'"/>
    <fo:block start-indent="56.69pt" end-indent="56.69pt" text-align="center" font-size="12pt"
        line-height="14pt" font-weight="{$weight}" space-after="{$after}" keep-with-next.within-page="always">
      <xsl:copy-of select="$content"/>
    </fo:block>
  </xsl:template>

  <!-- meeting line (bold), place and dates, date, agenda line; then the title block -->
  <xsl:template name="statement-head">
    <xsl:call-template name="centred">
      <xsl:with-param name="weight" select="'bold'"/>
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="$meta/p:meeting-line"><xsl:apply-templates select="$meta/p:meeting-line/node()"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="meeting-name"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="centred">
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="$meta/p:place-line"><xsl:apply-templates select="$meta/p:place-line/node()"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="place-dates"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$meta/p:date">
      <xsl:call-template name="centred">
        <xsl:with-param name="content">
          <xsl:choose>
            <xsl:when test="$meta/p:date/@placeholder"><xsl:value-of select="$meta/p:date/@placeholder"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="format-date"><xsl:with-param name="iso" select="normalize-space($meta/p:date)"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$meta/p:agenda">
      <xsl:call-template name="centred">
        <xsl:with-param name="content"><xsl:call-template name="agenda-line"/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <fo:block start-indent="56.69pt" end-indent="56.69pt" text-align="center" font-size="14pt"
        line-height="16pt" font-weight="bold" space-before="24pt" space-after="6pt"
        keep-with-next.within-page="always" keep-together.within-page="always" role="H1">
      <xsl:apply-templates select="$meta/p:title/node()"/>
    </fo:block>
    <xsl:for-each select="$meta/p:subtitle">
      <xsl:call-template name="centred">
        <xsl:with-param name="weight" select="'bold'"/>
        <xsl:with-param name="content"><xsl:apply-templates/></xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- statement paragraphs: never numbered, 12/14 justified, 8pt after -->
  <xsl:template match="p:p">
    <fo:block start-indent="56.69pt" end-indent="56.69pt" text-align="justify" text-align-last="start"
        space-after="8pt" widows="2" orphans="2" hyphenate="true" hyphenation-push-character-count="2" hyphenation-remain-character-count="3" hyphenation-ladder-count="2">
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="lang-attr"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
