<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:exsl="http://exslt.org/common"
    xmlns:p="urn:x-mspdoc:paper:1" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <fo:root><fo:layout-master-set><fo:simple-page-master master-name="a" page-width="210mm" page-height="297mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="a"><fo:flow flow-name="xsl-region-body"><fo:block><xsl:value-of select="document('xxe_carrier.xml', /)"/></fo:block></fo:flow></fo:page-sequence></fo:root>
  </xsl:template>
</xsl:stylesheet>
