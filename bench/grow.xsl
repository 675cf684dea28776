<?xml version="1.0" encoding="UTF-8"?>
<!-- Makes benchmark SOURCES from a sample report (data/papers/000-*.xml).
     Parameters: copies = how many times the body chapters are repeated (with footnotes added to
     four paragraphs of five in the copies); number = the last part of the symbol (APLC/MSP.22/2025/N)
     and a word changed in the text, so that every generated paper is distinct. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:m="urn:x-mspdoc:paper:1">
  <xsl:param name="copies" select="0"/>
  <xsl:param name="number" select="''"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <!-- drop the leading comment of the sample: it describes the original, not this file -->
  <xsl:template match="/comment()"/>

  <xsl:template match="m:meta/m:symbol">
    <xsl:copy>
      <xsl:choose>
        <xsl:when test="$number != ''">
          <xsl:value-of select="concat(substring-before(., '2025/'), '2025/', $number)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="m:meta/m:reissue/@previous">
    <xsl:attribute name="previous">
      <xsl:choose>
        <xsl:when test="$number != ''">
          <xsl:value-of select="concat(substring-before(., '2025/'), '2025/', $number)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
  </xsl:template>
  <xsl:template match="m:meta/m:title">
    <xsl:copy>
      <xsl:apply-templates/>
      <xsl:if test="$number != ''"> (part <xsl:value-of select="$number"/>)</xsl:if>
    </xsl:copy>
  </xsl:template>
  <!-- first paragraph: a different date per paper -->
  <xsl:template match="m:p[@id = 'p-first-meeting']">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:choose>
        <xsl:when test="$number != ''">The Committee first met on <xsl:value-of
          select="1 + ($number mod 28)"/> January 2025 to discuss its work plan for 2025 (paper <xsl:value-of
          select="$number"/>).</xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="m:body">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
      <xsl:call-template name="repeat">
        <xsl:with-param name="n" select="1"/>
      </xsl:call-template>
    </xsl:copy>
  </xsl:template>

  <xsl:template name="repeat">
    <xsl:param name="n"/>
    <xsl:if test="$n &lt;= $copies">
      <xsl:apply-templates select="m:chapter" mode="copy">
        <xsl:with-param name="n" select="$n"/>
      </xsl:apply-templates>
      <xsl:call-template name="repeat">
        <xsl:with-param name="n" select="$n + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- copies: ids get a suffix (ids are unique), most paragraphs get a footnote -->
  <xsl:template match="@*|node()" mode="copy">
    <xsl:param name="n"/>
    <xsl:copy>
      <xsl:apply-templates select="@*|node()" mode="copy">
        <xsl:with-param name="n" select="$n"/>
      </xsl:apply-templates>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="@id" mode="copy">
    <xsl:param name="n"/>
    <xsl:attribute name="id"><xsl:value-of select="concat(., '-', $n)"/></xsl:attribute>
  </xsl:template>
  <xsl:template match="m:heading" mode="copy">
    <xsl:param name="n"/>
    <xsl:copy><xsl:apply-templates mode="copy"/> (<xsl:value-of select="$n"/>)</xsl:copy>
  </xsl:template>
  <xsl:template match="m:p" mode="copy">
    <xsl:param name="n"/>
    <xsl:copy>
      <xsl:apply-templates select="@*|node()" mode="copy">
        <xsl:with-param name="n" select="$n"/>
      </xsl:apply-templates>
      <xsl:if test="not(.//m:note) and count(preceding::m:p) mod 5 != 4">
        <note xmlns="urn:x-mspdoc:paper:1">See the summary of the Committee's discussion, copy <xsl:value-of select="$n"/>,
          paragraph <xsl:value-of select="count(preceding::m:p) + 1"/>, available on the
          Convention's website.</note>
      </xsl:if>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
