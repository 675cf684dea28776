<?xml version="1.0" encoding="UTF-8"?>
<!-- Masthead paper (kind="report"), reference 000: page masters first/odd/even, symbol row,
     masthead table, meeting block, title with asterisk notes, H1 lines (Addendum/Corrigendum,
     subtitles, committee or submitted-by), then the body from common.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:p="urn:x-mspdoc:paper:1"
    xmlns:l="urn:x-mspdoc:lang"
    xmlns:g="urn:x-mspdoc:graphics"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    exclude-result-prefixes="p l">

  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="symbol" select="normalize-space($meta/p:symbol)"/>
  <!-- job-number footer only on final papers -->
  <xsl:variable name="has-job" select="boolean($meta/p:job) and not($is-draft) and not($meta/p:advance-copy)"/>
  <xsl:variable name="font" select="'Liberation Serif, Times New Roman, serif'"/>

  <!-- asterisk notes in order: reissue, late submission, unedited, title-notes -->
  <xsl:variable name="n-reissue" select="count($meta/p:reissue)"/>
  <xsl:variable name="n-late" select="count($meta/p:late-submission)"/>
  <xsl:variable name="n-unedited" select="count($meta/p:unedited)"/>

  <xsl:template match="/">
    <fo:root font-family="{$font}" font-size="10pt" line-height="12pt" language="{$lang}">
      <fo:layout-master-set>
        <!-- page 1: symbol row in region-before, body from y 81.25 to y 708.66 (257 mm without job footer) -->
        <fo:simple-page-master master-name="first" page-width="595.28pt" page-height="841.89pt"
            margin-top="0pt" margin-bottom="0pt" margin-left="0pt" margin-right="0pt">
          <fo:region-body margin-top="81.25pt" margin-left="56.69pt" margin-right="56.69pt">
            <xsl:attribute name="margin-bottom">
              <xsl:choose>
                <xsl:when test="$has-job">133.23pt</xsl:when>
                <xsl:otherwise>113.39pt</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
          </fo:region-body>
          <fo:region-before region-name="first-before" extent="81.25pt"/>
          <fo:region-after region-name="first-after">
            <xsl:attribute name="extent">
              <xsl:choose>
                <xsl:when test="$has-job">133.23pt</xsl:when>
                <xsl:otherwise>113.39pt</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
          </fo:region-after>
        </fo:simple-page-master>
        <fo:simple-page-master master-name="even" page-width="595.28pt" page-height="841.89pt"
            margin-top="0pt" margin-bottom="0pt" margin-left="0pt" margin-right="0pt">
          <fo:region-body margin-top="85.04pt" margin-bottom="113.39pt" margin-left="56.69pt" margin-right="56.69pt"/>
          <fo:region-before region-name="even-before" extent="85.04pt"/>
          <fo:region-after region-name="even-after" extent="113.39pt"/>
        </fo:simple-page-master>
        <fo:simple-page-master master-name="odd" page-width="595.28pt" page-height="841.89pt"
            margin-top="0pt" margin-bottom="0pt" margin-left="0pt" margin-right="0pt">
          <fo:region-body margin-top="85.04pt" margin-bottom="113.39pt" margin-left="56.69pt" margin-right="56.69pt"/>
          <fo:region-before region-name="odd-before" extent="85.04pt"/>
          <fo:region-after region-name="odd-after" extent="113.39pt"/>
        </fo:simple-page-master>
        <fo:page-sequence-master master-name="paper">
          <fo:repeatable-page-master-alternatives>
            <fo:conditional-page-master-reference master-reference="first" page-position="first"/>
            <fo:conditional-page-master-reference master-reference="even" page-position="rest" odd-or-even="even"/>
            <fo:conditional-page-master-reference master-reference="odd" page-position="rest" odd-or-even="odd"/>
          </fo:repeatable-page-master-alternatives>
        </fo:page-sequence-master>
      </fo:layout-master-set>
      <xsl:call-template name="bookmark-tree"/>

      <fo:page-sequence master-reference="paper" initial-page-number="1" language="{$lang}">
        <!-- Arabic: the page right to left, start on the right (docs/format-choices.md, "Arabic") -->
        <xsl:if test="$rtl"><xsl:attribute name="writing-mode">rl-tb</xsl:attribute></xsl:if>
        <fo:title><xsl:value-of select="normalize-space($meta/p:title)"/></fo:title>
        <xsl:call-template name="first-before"/>
        <xsl:call-template name="first-after"/>
        <xsl:call-template name="running-header"><xsl:with-param name="side" select="'even'"/></xsl:call-template>
        <xsl:call-template name="running-header"><xsl:with-param name="side" select="'odd'"/></xsl:call-template>
        <xsl:call-template name="running-footer"><xsl:with-param name="side" select="'even'"/></xsl:call-template>
        <xsl:call-template name="running-footer"><xsl:with-param name="side" select="'odd'"/></xsl:call-template>
        <xsl:call-template name="footnote-separator"/>
        <fo:flow flow-name="xsl-region-body" font-family="{$font}" font-size="10pt" line-height="12pt">
          <xsl:call-template name="masthead"/>
          <xsl:call-template name="meeting-block"/>
          <xsl:call-template name="title-block"/>
          <xsl:call-template name="h1-lines"/>
          <xsl:apply-templates select="/p:paper/p:body | /p:paper/p:corrections"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- ===== page 1 header: advance copy label, symbol row, 0.5pt rule at y 75 ===== -->
  <xsl:template name="first-before">
    <fo:static-content flow-name="first-before" font-family="{$font}">
      <xsl:variable name="top">
        <xsl:choose>
          <!-- advance copy label: baseline y 42.5 (top 32.57, line 12) then the symbol row -->
          <xsl:when test="$meta/p:advance-copy">4.68pt</xsl:when>
          <xsl:otherwise>49.25pt</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="$meta/p:advance-copy">
        <fo:block start-indent="56.69pt" end-indent="56.69pt" padding-top="32.57pt" font-size="10pt"
            line-height="12pt" font-weight="bold" text-align="end">
          <xsl:call-template name="label"><xsl:with-param name="id" select="'advance-copy'"/></xsl:call-template>
        </fo:block>
      </xsl:if>
      <fo:block start-indent="56.69pt" end-indent="56.69pt" padding-top="{$top}" padding-bottom="1.5pt"
          font-size="20pt" line-height="24pt" text-align="end"
          border-after-width="0.5pt" border-after-style="solid" border-after-color="black">
        <xsl:choose>
          <xsl:when test="$symbol != ''">
            <!-- right to left: one left-to-right isolate from "APLC" to the "*" (LRI ... PDI) -->
            <fo:inline font-size="20pt"><xsl:if test="$rtl">&#x2066;</xsl:if><xsl:value-of select="substring-before($symbol, '/')"/></fo:inline>
            <fo:inline font-size="10pt" line-height="12pt">
              <xsl:text>/</xsl:text><xsl:value-of select="substring-after($symbol, '/')"/>
              <xsl:if test="$meta/p:reissue">*</xsl:if>
              <xsl:if test="$rtl">&#x2069;</xsl:if>
            </fo:inline>
          </xsl:when>
          <xsl:otherwise>&#160;</xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- ===== page 1 footer (final papers): job number, Code 39 barcode and QR code (no recycling logo) =====
       region-after starts at y 708.66; a table puts the job number column at x 56.69 (top y 731.34,
       barcode under it) and the QR code at x 481.89 (top y 717.17) side by side. -->
  <xsl:template name="first-after">
    <xsl:if test="$has-job">
      <xsl:variable name="j" select="$meta/p:job"/>
      <xsl:variable name="letter">
        <xsl:choose>
          <xsl:when test="$j/@letter"><xsl:value-of select="$j/@letter"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="label"><xsl:with-param name="id" select="'job-letter'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <fo:static-content flow-name="first-after" font-family="{$font}">
        <fo:table table-layout="fixed" width="595.28pt">
          <fo:table-column column-width="56.69pt"/>
          <fo:table-column column-width="425.20pt"/>
          <fo:table-column column-width="113.39pt"/>
          <fo:table-body>
            <fo:table-row>
              <fo:table-cell><fo:block/></fo:table-cell>
              <fo:table-cell padding-top="22.68pt">
                <fo:block font-size="10pt" line-height="12pt" text-align="start">
                  <xsl:value-of select="concat($j/@number, ' (', $letter, ')')"/>
                  <xsl:if test="$j/@dates"><xsl:value-of select="concat(' ', $j/@dates)"/></xsl:if>
                </fo:block>
                <fo:block padding-top="2.83pt">
                  <xsl:call-template name="code39-block">
                    <xsl:with-param name="number" select="string($j/@number)"/>
                    <xsl:with-param name="data">
                      <xsl:call-template name="job-barcode-data">
                        <xsl:with-param name="number" select="$j/@number"/>
                      </xsl:call-template>
                    </xsl:with-param>
                  </xsl:call-template>
                </fo:block>
              </fo:table-cell>
              <fo:table-cell padding-top="8.51pt">
                <xsl:if test="$symbol != ''">
                  <xsl:call-template name="qr-block"><xsl:with-param name="symbol" select="$symbol"/></xsl:call-template>
                </xsl:if>
                <fo:block/>
              </fo:table-cell>
            </fo:table-row>
          </fo:table-body>
        </fo:table>
      </fo:static-content>
    </xsl:if>
  </xsl:template>

  <!-- ===== pages >= 2: symbol 9pt bold, baseline y 66.6, rule at y 70.87; even left, odd right ===== -->
  <xsl:template name="running-header">
    <xsl:param name="side"/>
    <fo:static-content flow-name="{$side}-before" font-family="{$font}">
      <fo:block start-indent="56.69pt" end-indent="56.69pt" padding-top="57.56pt" padding-bottom="1.06pt"
          font-size="9pt" line-height="12pt" font-weight="bold"
          border-after-width="0.5pt" border-after-style="solid" border-after-color="black">
        <xsl:attribute name="text-align">
          <xsl:choose><xsl:when test="$side = 'even'">start</xsl:when><xsl:otherwise>end</xsl:otherwise></xsl:choose>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="$symbol != ''"><xsl:call-template name="ltr-run"><xsl:with-param name="text" select="$symbol"/></xsl:call-template></xsl:when>
          <xsl:otherwise>&#160;</xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- page number 9pt bold, baseline y 765.35 -->
  <xsl:template name="running-footer">
    <xsl:param name="side"/>
    <fo:static-content flow-name="{$side}-after" font-family="{$font}">
      <fo:block start-indent="56.69pt" end-indent="56.69pt" padding-top="27.81pt" font-size="9pt"
          line-height="12pt" font-weight="bold">
        <xsl:attribute name="text-align">
          <xsl:choose><xsl:when test="$side = 'even'">start</xsl:when><xsl:otherwise>end</xsl:otherwise></xsl:choose>
        </xsl:attribute>
        <fo:page-number/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- ===== masthead: body name (100 mm, 14/16 bold) | date, empty line, Original ===== -->
  <xsl:template name="masthead">
    <fo:table table-layout="fixed" width="481.89pt" start-indent="0pt" end-indent="0pt"
        border-collapse="separate">
      <fo:table-column column-width="283.46pt"/>
      <fo:table-column column-width="56.7pt"/>
      <fo:table-column column-width="141.73pt"/>
      <fo:table-body>
        <fo:table-row>
          <fo:table-cell>
            <fo:block font-size="14pt" line-height="16pt" font-weight="bold" text-align="start">
              <xsl:call-template name="label">
                <xsl:with-param name="id" select="concat('body-', $meeting/@kind)"/>
              </xsl:call-template>
            </fo:block>
          </fo:table-cell>
          <fo:table-cell><fo:block/></fo:table-cell>
          <fo:table-cell>
            <!-- Arabic: the English block (mirrored to the page's left) set flush left, as
                 English text; the cell's lines are still right-to-left paragraphs -->
            <xsl:if test="$rtl"><xsl:attribute name="text-align">left</xsl:attribute></xsl:if>
            <xsl:if test="$meta/p:distribution">
              <fo:block font-size="10pt" line-height="12pt">
                <xsl:call-template name="ltr-run"><xsl:with-param name="text">
                  <xsl:call-template name="label">
                    <xsl:with-param name="id" select="concat('distr-', $meta/p:distribution)"/>
                    <xsl:with-param name="in" select="$mast-lang"/>
                  </xsl:call-template>
                </xsl:with-param></xsl:call-template>
              </fo:block>
            </xsl:if>
            <fo:block font-size="10pt" line-height="12pt">
              <xsl:choose>
                <xsl:when test="$meta/p:date/@placeholder"><xsl:value-of select="$meta/p:date/@placeholder"/></xsl:when>
                <xsl:otherwise>
                  <!-- right to left: "8 October 2025" isolated, else its day would stand at the right -->
                  <xsl:call-template name="ltr-run"><xsl:with-param name="text">
                    <xsl:call-template name="format-date"><xsl:with-param name="iso" select="normalize-space($meta/p:date)"/><xsl:with-param name="in" select="$mast-lang"/></xsl:call-template>
                  </xsl:with-param></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </fo:block>
            <xsl:if test="not($meta/p:original = $lang)">
              <fo:block font-size="10pt" line-height="12pt" space-before="12pt">
                <xsl:call-template name="ltr-run"><xsl:with-param name="text"><xsl:call-template name="label"><xsl:with-param name="id" select="'version'"/></xsl:call-template></xsl:with-param></xsl:call-template>
              </fo:block>
            </xsl:if>
            <fo:block font-size="10pt" line-height="12pt">
              <xsl:if test="$meta/p:original = $lang"><xsl:attribute name="space-before">12pt</xsl:attribute></xsl:if>
              <xsl:variable name="names">
                <xsl:for-each select="$meta/p:original">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:call-template name="label"><xsl:with-param name="id" select="concat('lang-', normalize-space(.))"/><xsl:with-param name="in" select="$mast-lang"/></xsl:call-template>
                </xsl:for-each>
              </xsl:variable>
              <xsl:call-template name="ltr-run"><xsl:with-param name="text">
                <xsl:call-template name="label1">
                  <xsl:with-param name="id" select="'original'"/>
                  <xsl:with-param name="name" select="'languages'"/>
                  <xsl:with-param name="value" select="$names"/>
                  <xsl:with-param name="in" select="$mast-lang"/>
                </xsl:call-template>
              </xsl:with-param></xsl:call-template>
            </fo:block>
          </fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- ===== 2.25pt rule, then the meeting block (130 mm wide, 10/12) ===== -->
  <xsl:template name="meeting-block">
    <fo:block start-indent="0pt" end-indent="0pt" space-before="6pt" padding-top="6pt"
        border-before-width="2.25pt" border-before-style="solid" border-before-color="black"
        font-size="10pt" line-height="12pt" text-align="start">
      <fo:block end-indent="113.39pt" font-weight="bold">
        <xsl:call-template name="meeting-name"/>
      </fo:block>
      <fo:block end-indent="113.39pt"><xsl:call-template name="place-dates"/></fo:block>
      <xsl:if test="$meta/p:agenda">
        <fo:block end-indent="113.39pt"><xsl:call-template name="agenda-line"/></fo:block>
        <fo:block end-indent="113.39pt" font-weight="bold"><xsl:call-template name="agenda-title"/></fo:block>
      </xsl:if>
      <xsl:for-each select="$meta/p:subject">
        <fo:block end-indent="113.39pt" font-weight="bold">
          <xsl:if test="@weight = 'regular'"><xsl:attribute name="font-weight">normal</xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- ===== title (HCh without number) with asterisk note markers "2026*, **" ===== -->
  <xsl:template name="title-block">
    <fo:block start-indent="56.69pt" end-indent="56.69pt" space-before="24pt" space-after="12pt"
        font-size="14pt" line-height="16pt" font-weight="bold" text-align="start"
        keep-with-next.within-page="always" keep-together.within-page="always" role="H1">
      <xsl:apply-templates select="$meta/p:title/node()"/>
      <xsl:if test="$meta/p:reissue">
        <xsl:call-template name="star-note">
          <xsl:with-param name="k" select="1"/>
          <xsl:with-param name="content"><xsl:call-template name="reissue-text"/></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$meta/p:late-submission">
        <xsl:call-template name="star-note">
          <xsl:with-param name="k" select="$n-reissue + 1"/>
          <xsl:with-param name="content"><xsl:call-template name="label"><xsl:with-param name="id" select="'note-late'"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$meta/p:unedited">
        <xsl:call-template name="star-note">
          <xsl:with-param name="k" select="$n-reissue + $n-late + 1"/>
          <xsl:with-param name="content"><xsl:call-template name="label"><xsl:with-param name="id" select="'note-unedited'"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:for-each select="$meta/p:title-note">
        <xsl:call-template name="star-note">
          <xsl:with-param name="k" select="$n-reissue + $n-late + $n-unedited + position()"/>
          <xsl:with-param name="content"><xsl:apply-templates/></xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- k-th asterisk note: k stars; from the second on, preceded by ", " at normal size
       (Arabic "، ": labels.xml note-call-sep) -->
  <xsl:template name="star-note">
    <xsl:param name="k"/>
    <xsl:param name="content"/>
    <xsl:if test="$k &gt; 1"><xsl:call-template name="label-or"><xsl:with-param name="id" select="'note-call-sep'"/><xsl:with-param name="default" select="', '"/></xsl:call-template></xsl:if>
    <xsl:call-template name="footnote">
      <xsl:with-param name="mark" select="substring('**********', 1, $k)"/>
      <xsl:with-param name="content" select="$content"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "Reissued for technical reasons on 2 December 2025; previously issued under the symbol X." -->
  <xsl:template name="reissue-text">
    <xsl:variable name="r" select="$meta/p:reissue"/>
    <xsl:variable name="pat"><xsl:call-template name="label"><xsl:with-param name="id" select="'note-reissue'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="reason">
      <xsl:choose>
        <xsl:when test="$r/@reason"><xsl:value-of select="$r/@reason"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="label"><xsl:with-param name="id" select="'reissue-reason'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="date"><xsl:call-template name="format-date"><xsl:with-param name="iso" select="string($r/@date)"/></xsl:call-template></xsl:variable>
    <xsl:variable name="s1"><xsl:call-template name="fill"><xsl:with-param name="text" select="$pat"/><xsl:with-param name="name" select="'reason'"/><xsl:with-param name="value" select="$reason"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="fill"><xsl:with-param name="text" select="$s1"/><xsl:with-param name="name" select="'date'"/><xsl:with-param name="value" select="$date"/></xsl:call-template>
    <xsl:if test="$r/@previous">
      <!-- the symbol is kept on one line -->
      <xsl:variable name="prev-pat"><xsl:call-template name="label"><xsl:with-param name="id" select="'note-reissue-previous'"/></xsl:call-template></xsl:variable>
      <xsl:value-of select="substring-before($prev-pat, '{symbol}')"/>
      <fo:inline wrap-option="no-wrap"><xsl:call-template name="ltr-run"><xsl:with-param name="text" select="$r/@previous"/></xsl:call-template></fo:inline>
      <xsl:value-of select="substring-after($prev-pat, '{symbol}')"/>
    </xsl:if>
    <xsl:call-template name="label-or"><xsl:with-param name="id" select="'full-stop'"/><xsl:with-param name="default" select="'.'"/></xsl:call-template>
  </xsl:template>

  <!-- ===== H1 lines under the title ===== -->
  <xsl:template name="h1-block">
    <xsl:param name="content"/>
    <fo:block start-indent="56.69pt" end-indent="56.69pt" space-after="12pt" font-size="12pt"
        line-height="14pt" font-weight="bold" text-align="start"
        keep-with-next.within-page="always" keep-together.within-page="always">
      <xsl:copy-of select="$content"/>
    </fo:block>
  </xsl:template>

  <xsl:template name="h1-lines">
    <!-- the last suffix of the symbol decides: /Add.n -> Addendum, /Corr.n -> Corrigendum -->
    <xsl:variable name="last-part">
      <xsl:call-template name="last-component"><xsl:with-param name="s" select="$symbol"/></xsl:call-template>
    </xsl:variable>
    <xsl:if test="starts-with($last-part, 'Add.')">
      <xsl:call-template name="h1-block">
        <xsl:with-param name="content"><xsl:call-template name="label"><xsl:with-param name="id" select="'addendum'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="starts-with($last-part, 'Corr.')">
      <xsl:call-template name="h1-block">
        <xsl:with-param name="content"><xsl:call-template name="label"><xsl:with-param name="id" select="'corrigendum'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each select="$meta/p:subtitle">
      <xsl:call-template name="h1-block">
        <xsl:with-param name="content"><xsl:apply-templates/></xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:apply-templates select="$meta/p:committee | $meta/p:submitted-by" mode="h1"/>
  </xsl:template>

  <xsl:template name="last-component">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '/')">
        <xsl:call-template name="last-component"><xsl:with-param name="s" select="substring-after($s, '/')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Committee on ... (Cameroon, Denmark (Chair), Switzerland, Türkiye (Chair))". The printed
       name is the committee's own text (not its <chair> children), else the name from data in
       the paper language. The members are printed in the paper language, in its alphabetical
       order (ICU collation: l:sort-key). The chairs are the <chair state=> children when there
       are any (mspdoc checks they are members that year), else the members carrying <chair> in
       data/committees.xml. -->
  <xsl:template match="p:committee" mode="h1">
    <xsl:variable name="ref" select="string(@ref)"/>
    <xsl:variable name="year" select="string(@year)"/>
    <xsl:variable name="c" select="$committees-doc/committees/committee[@id = $ref]"/>
    <xsl:variable name="named" select="p:chair"/>
    <xsl:variable name="own"><xsl:for-each select="text()"><xsl:value-of select="."/></xsl:for-each></xsl:variable>
    <xsl:call-template name="h1-block">
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="normalize-space($own) != ''"><xsl:value-of select="normalize-space($own)"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="lang-text"><xsl:with-param name="nodes" select="$c/name"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$c/year[@value = $year]/member">
          <xsl:call-template name="label-or"><xsl:with-param name="id" select="'paren-open'"/><xsl:with-param name="default" select="' ('"/></xsl:call-template>
          <!-- without mspdoc's l:sort-key (another XSLT processor): code-point order -->
          <!-- the members' States (data checks every member is one, once each), sorted by name;
               key() needs states.xml as the context document -->
          <xsl:variable name="ms" select="$c/year[@value = $year]/member"/>
          <xsl:for-each select="$states-doc">
            <xsl:choose>
              <xsl:when test="function-available('l:sort-key')">
                <xsl:for-each select="key('state', $ms/@state)">
                  <xsl:sort select="l:sort-key(string(name[@xml:lang = $sort-lang or (@xml:lang = 'en' and not(../name[@xml:lang = $sort-lang]))]), $sort-lang)"/>
                  <xsl:call-template name="committee-member"><xsl:with-param name="named" select="$named"/><xsl:with-param name="member" select="$ms[@state = current()/@code]"/></xsl:call-template>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise>
                <xsl:for-each select="key('state', $ms/@state)">
                  <xsl:sort select="string(name[@xml:lang = $sort-lang or (@xml:lang = 'en' and not(../name[@xml:lang = $sort-lang]))])"/>
                  <xsl:call-template name="committee-member"><xsl:with-param name="named" select="$named"/><xsl:with-param name="member" select="$ms[@state = current()/@code]"/></xsl:call-template>
                </xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
          <xsl:call-template name="label-or"><xsl:with-param name="id" select="'paren-close'"/><xsl:with-param name="default" select="')'"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- one member of the committee line ($member, its <member>; in sorted order) -->
  <xsl:template name="committee-member">
    <xsl:param name="named"/>
    <xsl:param name="member"/>
            <xsl:variable name="code" select="string($member/@state)"/>
            <xsl:if test="position() &gt; 1"><xsl:call-template name="label-or"><xsl:with-param name="id" select="'list-sep'"/><xsl:with-param name="default" select="', '"/></xsl:call-template></xsl:if>
            <xsl:call-template name="state-name"><xsl:with-param name="code" select="$code"/></xsl:call-template>
            <xsl:if test="($named and $named[@state = $code]) or (not($named) and $member/chair)">
              <xsl:call-template name="label-or"><xsl:with-param name="id" select="'chair-sep'"/><xsl:with-param name="default" select="' '"/></xsl:call-template>
              <xsl:call-template name="chair-label"><xsl:with-param name="code" select="$code"/></xsl:call-template>
            </xsl:if>
  </xsl:template>

  <!-- one submitter of the submitted-by line (context: a <by>, in printed order) -->
  <xsl:template name="submitter">
    <xsl:param name="all-states"/>
    <xsl:param name="and"/>
        <xsl:if test="position() &gt; 1">
          <xsl:choose>
            <xsl:when test="position() = last() and $all-states and $and != ''"><xsl:value-of select="$and"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="label-or"><xsl:with-param name="id" select="'list-sep'"/><xsl:with-param name="default" select="', '"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="@state"><xsl:call-template name="state-name-running"><xsl:with-param name="code" select="string(@state)"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@chair = 'yes'">
          <xsl:call-template name="label-or"><xsl:with-param name="id" select="'chair-sep'"/><xsl:with-param name="default" select="' '"/></xsl:call-template>
          <xsl:call-template name="chair-label"><xsl:with-param name="code" select="string(@state)"/></xsl:call-template>
        </xsl:if>

  </xsl:template>

  <!-- "Submitted by Belgium, Cambodia, Japan (Chair), Peru". A <by state=> is the State's name in
       the paper language (with its article in running text in French and Spanish); when every
       <by> names a State the list is in the language's alphabetical order, joined by the
       language's "and" (label list-and; English keeps the comma). Written names keep their order. -->
  <xsl:template match="p:submitted-by" mode="h1">
    <xsl:variable name="all-states" select="not(p:by[not(@state)])"/>
    <xsl:variable name="and"><xsl:call-template name="label"><xsl:with-param name="id" select="'list-and'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="list">
      <xsl:choose>
        <xsl:when test="function-available('l:sort-key')">
          <xsl:for-each select="p:by">
            <!-- sorted by name when all are States, else by position (the order as written) -->
            <xsl:sort select="concat(substring(l:sort-key(string($states-doc/states/state[@code = current()/@state]/name[@xml:lang = $sort-lang or (@xml:lang = 'en' and not(../name[@xml:lang = $sort-lang]))]), $sort-lang), 1, 100000 * number($all-states)), substring(format-number(position(), '000000'), 1, 100000 * number(not($all-states))))"/>
            <xsl:call-template name="submitter"><xsl:with-param name="all-states" select="$all-states"/><xsl:with-param name="and" select="$and"/></xsl:call-template>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="p:by">
            <xsl:sort select="concat(substring(string($states-doc/states/state[@code = current()/@state]/name[@xml:lang = $sort-lang or (@xml:lang = 'en' and not(../name[@xml:lang = $sort-lang]))]), 1, 100000 * number($all-states)), substring(format-number(position(), '000000'), 1, 100000 * number(not($all-states))))"/>
            <xsl:call-template name="submitter"><xsl:with-param name="all-states" select="$all-states"/><xsl:with-param name="and" select="$and"/></xsl:call-template>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="h1-block">
      <xsl:with-param name="content">
        <xsl:call-template name="label1">
          <xsl:with-param name="id" select="'submitted-by'"/>
          <xsl:with-param name="name" select="'list'"/>
          <xsl:with-param name="value" select="$list"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
  <!-- ===== corrigendum entries (docs/source-format.md, "correction"): number at x 113.39,
       locator, instruction and replacement text at x 141.73, 6pt after each entry ===== -->
  <xsl:template match="p:corrections">
    <xsl:apply-templates select="p:correction"/>
  </xsl:template>

  <xsl:template match="p:correction">
    <fo:block start-indent="{$indent}" end-indent="{$indent}" text-align="start" keep-with-next.within-page="always">
      <xsl:call-template name="tabbed-label">
        <xsl:with-param name="text"><xsl:number count="p:correction" level="any"/>.</xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="p:where/node()"/>
    </fo:block>
    <fo:block start-indent="{format-number(56.69 + $tab, '0.##')}pt" end-indent="{$indent}" text-align="start">
      <xsl:if test="not(p:text)"><xsl:attribute name="space-after">6pt</xsl:attribute></xsl:if>
      <xsl:if test="p:text"><xsl:attribute name="keep-with-next.within-page">always</xsl:attribute></xsl:if>
      <xsl:apply-templates select="p:instruction/node()"/>
    </fo:block>
    <xsl:for-each select="p:text">
      <fo:block start-indent="{format-number(56.69 + $tab, '0.##')}pt" end-indent="{$indent}" space-after="6pt">
        <xsl:call-template name="body-block-attrs"/>
        <xsl:if test="@label">
          <xsl:call-template name="tabbed-label"><xsl:with-param name="text" select="string(@label)"/></xsl:call-template>
        </xsl:if>
        <xsl:apply-templates/>
      </fo:block>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
