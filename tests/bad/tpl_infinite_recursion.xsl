<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:exsl="http://exslt.org/common"
    xmlns:p="urn:x-mspdoc:paper:1" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <xsl:apply-templates select="."/>
  </xsl:template>
</xsl:stylesheet>
