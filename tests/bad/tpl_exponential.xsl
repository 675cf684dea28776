<?xml version="1.0" encoding="UTF-8"?>
<!-- A stylesheet that never ends in practice: 2^40 template calls, never deeper than 41. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">
  <xsl:template match="/">
    <fo:root><fo:layout-master-set><fo:simple-page-master master-name="a" page-width="210mm" page-height="297mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="a"><fo:flow flow-name="xsl-region-body"><fo:block><xsl:call-template name="t"><xsl:with-param name="d" select="40"/></xsl:call-template></fo:block></fo:flow></fo:page-sequence></fo:root>
  </xsl:template>
  <xsl:template name="t">
    <xsl:param name="d"/>
    <xsl:if test="$d &gt; 0">
      <xsl:call-template name="t"><xsl:with-param name="d" select="$d - 1"/></xsl:call-template>
      <xsl:call-template name="t"><xsl:with-param name="d" select="$d - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
