<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared templates for all paper kinds: parameters, reference-data and label lookup, dates,
     text normalisation, body structure (chapters, headings, numbered paragraphs, sub-items,
     bullets), footnotes, inline markup. Geometry: FORMAT.md; choices: docs/format-choices.md.
     Region-body spans the frame (x 56.69 .. 538.58); body blocks carry 56.69pt indents. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:p="urn:x-mspdoc:paper:1"
    xmlns:g="urn:x-mspdoc:graphics"
    xmlns:n="urn:x-mspdoc:number"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:l="urn:x-mspdoc:lang"
    xmlns:t="urn:x-mspdoc:typography"
    exclude-result-prefixes="p n l t">

  <!-- ===== parameters ===== -->
  <xsl:param name="data" select="'../data/'"/>
  <xsl:param name="draft" select="''"/>
  <xsl:param name="source-hash" select="''"/>

  <!-- ===== global variables ===== -->
  <xsl:variable name="paper" select="/p:paper"/>
  <xsl:variable name="meta" select="/p:paper/p:meta"/>
  <xsl:variable name="lang" select="string(/p:paper/@xml:lang)"/>
  <xsl:variable name="labels-doc" select="document(concat($data, 'labels.xml'))"/>
  <xsl:variable name="meetings-doc" select="document(concat($data, 'meetings.xml'))"/>
  <xsl:variable name="agenda-doc" select="document(concat($data, 'agenda.xml'))"/>
  <xsl:variable name="committees-doc" select="document(concat($data, 'committees.xml'))"/>
  <xsl:variable name="states-doc" select="document(concat($data, 'states.xml'))"/>
  <xsl:variable name="meeting-ref" select="string($meta/p:meeting/@ref)"/>
  <xsl:variable name="meeting" select="$meetings-doc/meetings/meeting[@id = $meeting-ref]"/>
  <xsl:variable name="is-draft" select="$draft = '1' or boolean($meta/p:draft)"/>

  <!-- geometry shared by all kinds (pt) -->
  <!-- strings, not result tree fragments: an attribute value template of one fragment keeps
       the 4 KB buffer libxml2 makes to convert it, on every paragraph -->
  <xsl:variable name="indent" select="'56.69pt'"/>
  <xsl:variable name="tab" select="28.35"/>

  <xsl:key name="para-id" match="p:p" use="@id"/>
  <!-- States of data/states.xml by code: key() looks in the document of the context node, so the
       lookups run inside <xsl:for-each select="$states-doc"> (a scan of the 200 States for each
       name printed was a quarter of a report's transformation) -->
  <xsl:key name="state" match="state" use="@code"/>
  <!-- labels of data/labels.xml by "language id", the same way (a scan of the 400 labels for each
       of the hundred labels a paper prints was a tenth of its transformation) -->
  <xsl:key name="label" match="labels/language/label" use="concat(../@code, ' ', @id)"/>

  <!-- the language of page 1's right-hand block (Distr., date, original language): English in
       the Arabic, Chinese and Russian versions (labels.xml: masthead="en"), else the paper's -->
  <xsl:variable name="lang-attrs" select="$labels-doc/labels/language[@code = $lang]"/>
  <!-- the paper language's own labels that change how numbers are written, looked up once (they
       are tested for every paragraph and heading) -->
  <xsl:variable name="own-para-number" select="$lang-attrs/label[@id = 'para-number']"/>
  <xsl:variable name="own-chapter-numerals" select="normalize-space($lang-attrs/label[@id = 'chapter-numerals'])"/>
  <xsl:variable name="own-chapter-number" select="$lang-attrs/label[@id = 'chapter-number']"/>
  <xsl:variable name="own-section-letters" select="$lang-attrs/label[@id = 'section-letters']"/>
  <xsl:variable name="mast-lang">
    <xsl:choose>
      <xsl:when test="$lang-attrs/@masthead"><xsl:value-of select="$lang-attrs/@masthead"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$lang"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- the language whose names and alphabetical order State lists follow: English for
       Chinese (labels.xml: sort-by="en"), else the paper's -->
  <xsl:variable name="sort-lang">
    <xsl:choose>
      <xsl:when test="$lang-attrs/@sort-by"><xsl:value-of select="$lang-attrs/@sort-by"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$lang"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- right to left (Arabic; labels.xml: direction="rtl"): the page sequences are rl-tb and
       Latin runs (the symbol, URLs) are isolated so the bidi algorithm never reorders them -->
  <xsl:variable name="rtl" select="$lang-attrs/@direction = 'rtl'"/>

  <!-- text as a left-to-right isolate (U+2066 LRI ... U+2069 PDI) on right-to-left pages, else
       as it is: a symbol keeps its order and its trailing "*" inside an Arabic line -->
  <xsl:template name="ltr-run">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="$rtl"><xsl:value-of select="concat('&#x2066;', $text, '&#x2069;')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the n-th word of label $id in the paper language ("أ ب ج ..."), empty without the label
       or past its last word -->
  <xsl:template name="label-word">
    <xsl:param name="id"/>
    <xsl:param name="n"/>
    <xsl:variable name="words" select="normalize-space($lang-attrs/label[@id = $id])"/>
    <xsl:if test="$words != ''">
      <xsl:call-template name="nth-word"><xsl:with-param name="s" select="concat($words, ' ')"/><xsl:with-param name="n" select="number($n)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- a sub-item letter: the letter's place in the Latin alphabet picks the paper language's
       (labels.xml sub-letters: Arabic abjad order), else the Latin letter itself -->
  <xsl:template name="sub-letter">
    <xsl:param name="latin"/>
    <xsl:variable name="own">
      <xsl:call-template name="label-word">
        <xsl:with-param name="id" select="'sub-letters'"/>
        <xsl:with-param name="n" select="string-length(substring-before('abcdefghijklmnopqrstuvwxyz', $latin)) + 1"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$own != '' and string-length($latin) = 1"><xsl:value-of select="$own"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$latin"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== labels ===== -->
  <!-- text of label $id in the paper language, English when missing -->
  <xsl:template name="label">
    <xsl:param name="id"/>
    <xsl:param name="in" select="$lang"/>
    <xsl:for-each select="$labels-doc">
      <xsl:variable name="own" select="key('label', concat($in, ' ', $id))"/>
      <xsl:choose>
        <xsl:when test="$own"><xsl:value-of select="$own"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="key('label', concat('en ', $id))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- text of label $id in the paper language, else $default (not English's): punctuation and
       separators that only some languages change (Chinese full-width "、", "（", "。") -->
  <xsl:template name="label-or">
    <xsl:param name="id"/>
    <xsl:param name="default"/>
    <xsl:for-each select="$labels-doc">
      <xsl:variable name="own" select="key('label', concat($lang, ' ', $id))"/>
      <xsl:choose>
        <xsl:when test="$own"><xsl:value-of select="$own"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- replace every "{name}" in text by value -->
  <xsl:template name="fill">
    <xsl:param name="text"/>
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:variable name="key" select="concat('{', $name, '}')"/>
    <xsl:choose>
      <xsl:when test="contains($text, $key)">
        <xsl:value-of select="substring-before($text, $key)"/>
        <xsl:value-of select="$value"/>
        <xsl:call-template name="fill">
          <xsl:with-param name="text" select="substring-after($text, $key)"/>
          <xsl:with-param name="name" select="$name"/>
          <xsl:with-param name="value" select="$value"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- label with one placeholder filled -->
  <xsl:template name="label1">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:param name="in" select="$lang"/>
    <xsl:variable name="t"><xsl:call-template name="label"><xsl:with-param name="id" select="$id"/><xsl:with-param name="in" select="$in"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="fill">
      <xsl:with-param name="text" select="$t"/>
      <xsl:with-param name="name" select="$name"/>
      <xsl:with-param name="value" select="$value"/>
    </xsl:call-template>
  </xsl:template>

  <!-- per-language text child (name, place, title) of a data element, English fallback -->
  <xsl:template name="lang-text">
    <xsl:param name="nodes"/>
    <xsl:choose>
      <xsl:when test="$nodes[@xml:lang = $lang]"><xsl:value-of select="$nodes[@xml:lang = $lang]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$nodes[@xml:lang = 'en']"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== States (data/states.xml) ===== -->
  <!-- short name of State $code in the paper language (English when it has none) -->
  <xsl:template name="state-name">
    <xsl:param name="code"/>
    <xsl:for-each select="$states-doc">
      <xsl:call-template name="lang-text"><xsl:with-param name="nodes" select="key('state', $code)/name"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- the name as running text needs it: with its article in French and Spanish ("le Japon",
       "l'Allemagne", "el Japón") -->
  <xsl:template name="state-name-running">
    <xsl:param name="code"/>
    <xsl:for-each select="$states-doc">
      <xsl:variable name="n" select="key('state', $code)/name[@xml:lang = $lang]"/>
      <xsl:if test="$n/@article and $lang != 'en'">
        <xsl:value-of select="$n/@article"/>
        <xsl:if test="substring($n/@article, string-length($n/@article)) != &quot;'&quot;"><xsl:text> </xsl:text></xsl:if>
      </xsl:if>
    </xsl:for-each>
    <xsl:call-template name="state-name"><xsl:with-param name="code" select="$code"/></xsl:call-template>
  </xsl:template>

  <!-- "(Chair)"; in French agreeing with the State's grammatical gender ("(Présidente)") -->
  <xsl:template name="chair-label">
    <xsl:param name="code"/>
    <xsl:variable name="g"><xsl:for-each select="$states-doc"><xsl:value-of select="key('state', $code)/name[@xml:lang = $lang]/@gender"/></xsl:for-each></xsl:variable>
    <xsl:variable name="own-f" select="$labels-doc/labels/language[@code = $lang]/label[@id = 'chair-f']"/>
    <xsl:choose>
      <xsl:when test="$g = 'f' and $own-f"><xsl:value-of select="$own-f"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="label"><xsl:with-param name="id" select="'chair'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== dates ===== -->
  <xsl:template name="day">
    <xsl:param name="iso"/>
    <xsl:param name="in" select="$lang"/>
    <xsl:variable name="d" select="number(substring($iso, 9, 2))"/>
    <xsl:choose>
      <xsl:when test="$d = 1"><xsl:call-template name="label"><xsl:with-param name="id" select="'day-1'"/><xsl:with-param name="in" select="$in"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="month">
    <xsl:param name="iso"/>
    <xsl:param name="in" select="$lang"/>
    <xsl:call-template name="label">
      <xsl:with-param name="id" select="concat('month-', number(substring($iso, 6, 2)))"/>
      <xsl:with-param name="in" select="$in"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "8 October 2025" / "8 octobre 2025" / "8 de octubre de 2025" / "8 октября 2025 года" /
       "2025年10月8日" ({m}: the month's number); $in: the labels' language (the masthead's) -->
  <xsl:template name="format-date">
    <xsl:param name="iso"/>
    <xsl:param name="in" select="$lang"/>
    <xsl:variable name="pat"><xsl:call-template name="label"><xsl:with-param name="id" select="'date'"/><xsl:with-param name="in" select="$in"/></xsl:call-template></xsl:variable>
    <xsl:variable name="d"><xsl:call-template name="day"><xsl:with-param name="iso" select="$iso"/><xsl:with-param name="in" select="$in"/></xsl:call-template></xsl:variable>
    <xsl:variable name="m"><xsl:call-template name="month"><xsl:with-param name="iso" select="$iso"/><xsl:with-param name="in" select="$in"/></xsl:call-template></xsl:variable>
    <xsl:variable name="s1"><xsl:call-template name="fill"><xsl:with-param name="text" select="$pat"/><xsl:with-param name="name" select="'d'"/><xsl:with-param name="value" select="$d"/></xsl:call-template></xsl:variable>
    <xsl:variable name="s2"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s1"/><xsl:with-param name="name" select="'month'"/><xsl:with-param name="value" select="$m"/></xsl:call-template></xsl:variable>
    <xsl:variable name="s3"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s2"/><xsl:with-param name="name" select="'m'"/><xsl:with-param name="value" select="number(substring($iso, 6, 2))"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="fill"><xsl:with-param name="text" select="$s3"/><xsl:with-param name="name" select="'yyyy'"/><xsl:with-param name="value" select="substring($iso, 1, 4)"/></xsl:call-template>
  </xsl:template>

  <!-- "1-5 December 2025" (same month) or "28 November-2 December 2025" -->
  <xsl:template name="format-range">
    <xsl:param name="start"/>
    <xsl:param name="end"/>
    <xsl:variable name="d1"><xsl:call-template name="day"><xsl:with-param name="iso" select="$start"/></xsl:call-template></xsl:variable>
    <xsl:variable name="d2"><xsl:call-template name="day"><xsl:with-param name="iso" select="$end"/></xsl:call-template></xsl:variable>
    <xsl:variable name="m1"><xsl:call-template name="month"><xsl:with-param name="iso" select="$start"/></xsl:call-template></xsl:variable>
    <xsl:variable name="m2"><xsl:call-template name="month"><xsl:with-param name="iso" select="$end"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$start = $end">
        <xsl:call-template name="format-date"><xsl:with-param name="iso" select="$start"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="substring($start, 1, 7) = substring($end, 1, 7)">
        <xsl:variable name="pat"><xsl:call-template name="label"><xsl:with-param name="id" select="'range-month'"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s1"><xsl:call-template name="fill"><xsl:with-param name="text" select="$pat"/><xsl:with-param name="name" select="'d1'"/><xsl:with-param name="value" select="$d1"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s2"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s1"/><xsl:with-param name="name" select="'d2'"/><xsl:with-param name="value" select="$d2"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s3"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s2"/><xsl:with-param name="name" select="'month'"/><xsl:with-param name="value" select="$m2"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s4"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s3"/><xsl:with-param name="name" select="'m'"/><xsl:with-param name="value" select="number(substring($end, 6, 2))"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="fill"><xsl:with-param name="text" select="$s4"/><xsl:with-param name="name" select="'yyyy'"/><xsl:with-param name="value" select="substring($end, 1, 4)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="pat"><xsl:call-template name="label"><xsl:with-param name="id" select="'range-year'"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s1"><xsl:call-template name="fill"><xsl:with-param name="text" select="$pat"/><xsl:with-param name="name" select="'d1'"/><xsl:with-param name="value" select="$d1"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s2"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s1"/><xsl:with-param name="name" select="'d2'"/><xsl:with-param name="value" select="$d2"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s3"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s2"/><xsl:with-param name="name" select="'month1'"/><xsl:with-param name="value" select="$m1"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s4"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s3"/><xsl:with-param name="name" select="'month2'"/><xsl:with-param name="value" select="$m2"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s5"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s4"/><xsl:with-param name="name" select="'m1'"/><xsl:with-param name="value" select="number(substring($start, 6, 2))"/></xsl:call-template></xsl:variable>
        <xsl:variable name="s6"><xsl:call-template name="fill"><xsl:with-param name="text" select="$s5"/><xsl:with-param name="name" select="'m2'"/><xsl:with-param name="value" select="number(substring($end, 6, 2))"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="fill"><xsl:with-param name="text" select="$s6"/><xsl:with-param name="name" select="'yyyy'"/><xsl:with-param name="value" select="substring($end, 1, 4)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Geneva, 1-5 December 2025" for the paper's meeting -->
  <xsl:template name="place-dates">
    <xsl:variable name="pat"><xsl:call-template name="label"><xsl:with-param name="id" select="'place-dates'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="place"><xsl:call-template name="lang-text"><xsl:with-param name="nodes" select="$meeting/place"/></xsl:call-template></xsl:variable>
    <xsl:variable name="dates">
      <xsl:call-template name="format-range">
        <xsl:with-param name="start" select="string($meeting/@start)"/>
        <xsl:with-param name="end" select="string($meeting/@end)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="s1"><xsl:call-template name="fill"><xsl:with-param name="text" select="$pat"/><xsl:with-param name="name" select="'place'"/><xsl:with-param name="value" select="$place"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="fill"><xsl:with-param name="text" select="$s1"/><xsl:with-param name="name" select="'dates'"/><xsl:with-param name="value" select="$dates"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="meeting-name">
    <xsl:call-template name="lang-text"><xsl:with-param name="nodes" select="$meeting/name"/></xsl:call-template>
  </xsl:template>

  <!-- "Item 9 (c) of the provisional agenda" -->
  <xsl:template name="agenda-line">
    <xsl:variable name="a" select="$meta/p:agenda"/>
    <xsl:variable name="item">
      <xsl:choose>
        <xsl:when test="$a/@sub">
          <xsl:variable name="pat"><xsl:call-template name="label"><xsl:with-param name="id" select="'agenda-sub'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="s1"><xsl:call-template name="fill"><xsl:with-param name="text" select="$pat"/><xsl:with-param name="name" select="'n'"/><xsl:with-param name="value" select="string($a/@item)"/></xsl:call-template></xsl:variable>
          <xsl:call-template name="fill"><xsl:with-param name="text" select="$s1"/><xsl:with-param name="name" select="'l'"/><xsl:with-param name="value"><xsl:call-template name="sub-letter"><xsl:with-param name="latin" select="string($a/@sub)"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$a/@item"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="id">
      <xsl:choose>
        <xsl:when test="$a/@stage = 'adopted'">agenda-adopted</xsl:when>
        <xsl:otherwise>agenda-provisional</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="label1">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="name" select="'item'"/>
      <xsl:with-param name="value" select="$item"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="agenda-title">
    <xsl:variable name="a" select="$meta/p:agenda"/>
    <xsl:call-template name="lang-text">
      <xsl:with-param name="nodes" select="$agenda-doc/agenda/item[@meeting = $meeting-ref and @number = string($a/@item)]/title"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== text ===== -->
  <!-- Whitespace of the source layout is not content: collapse runs to one space; drop it at the
       start of a block (it would follow the number's leader) and at the end of a block. -->
  <xsl:template match="text()">
    <xsl:variable name="blk" select="ancestor::*[self::p:p or self::p:item or self::p:heading
        or self::p:title or self::p:subtitle or self::p:subject or self::p:note or self::p:title-note
        or self::p:meeting-line or self::p:place-line or self::p:committee or self::p:by][1]"/>
    <!-- ref, article and action print text of their own: a space next to one is kept -->
    <xsl:variable name="content" select="$blk//text() | $blk//p:ref | $blk//p:article | $blk//p:action"/>
    <xsl:variable name="first" select="generate-id($content[1]) = generate-id(.)"/>
    <xsl:variable name="next" select="following-sibling::node()[1]"/>
    <xsl:variable name="last" select="generate-id($content[last()]) = generate-id(.)
        or $next[self::p:items or self::p:bullets]"/>
    <xsl:variable name="n" select="normalize-space(.)"/>
    <xsl:variable name="ws" select="'&#9;&#10;&#13; '"/>
    <xsl:choose>
      <xsl:when test="$n = ''">
        <xsl:if test="not($first) and not($last) and string-length(.) &gt; 0"><xsl:text> </xsl:text></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="not($first) and contains($ws, substring(., 1, 1))"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="$n"/>
        <xsl:if test="not($last) and contains($ws, substring(., string-length(.), 1))"><xsl:text> </xsl:text></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- width in pt of a short label at 10pt in Liberation Serif (Times metrics, 1/1000 em):
       digits and most letters 500, a c e z 444, ( ) f r - 333, i j l t 278, '.' 250, s 389 -->
  <xsl:template name="label-width">
    <xsl:param name="s"/>
    <xsl:param name="acc" select="0"/>
    <xsl:choose>
      <xsl:when test="$s = ''"><xsl:value-of select="$acc div 100"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="c" select="substring($s, 1, 1)"/>
        <xsl:variable name="w">
          <xsl:choose>
            <xsl:when test="contains('ijlt', $c)">278</xsl:when>
            <xsl:when test="contains('()fr-', $c)">333</xsl:when>
            <xsl:when test="contains('ace', $c) or $c = 'z'">444</xsl:when>
            <xsl:when test="$c = 's'">389</xsl:when>
            <xsl:when test="$c = '.' or $c = ' '">250</xsl:when>
            <xsl:when test="$c = 'm'">778</xsl:when>
            <xsl:when test="$c = 'w'">722</xsl:when>
            <xsl:otherwise>500</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:call-template name="label-width">
          <xsl:with-param name="s" select="substring($s, 2)"/>
          <xsl:with-param name="acc" select="$acc + number($w)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- label, then a space leader that brings the text to the next 10 mm tab (engine has no tabs) -->
  <xsl:template name="tabbed-label">
    <xsl:param name="text"/>
    <xsl:param name="scale" select="1"/>
    <xsl:variable name="w0"><xsl:call-template name="label-width"><xsl:with-param name="s" select="$text"/></xsl:call-template></xsl:variable>
    <xsl:variable name="w" select="number($w0) * $scale"/>
    <xsl:variable name="gap">
      <xsl:choose>
        <xsl:when test="$tab - $w &lt; 2"><xsl:value-of select="2 * $tab - $w"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$tab - $w"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:inline><xsl:value-of select="$text"/></fo:inline>
    <fo:leader leader-pattern="space" leader-length="{format-number($gap, '0.##')}pt"/>
  </xsl:template>

  <!-- ===== numbering ===== -->
  <!-- mspdoc numbers paragraphs and notes in one pass before the transform (n:p, n:note);
       xsl:number is the fallback for other XSLT processors (quadratic in the paper's length) -->
  <xsl:template match="p:p" mode="number">
    <xsl:choose>
      <xsl:when test="@n:p"><xsl:value-of select="@n:p"/></xsl:when>
      <xsl:otherwise><xsl:number count="p:p[not(@numbered = 'no')]" level="any" from="p:annex"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="sub-label">
    <xsl:param name="x"/>
    <xsl:call-template name="label1">
      <xsl:with-param name="id" select="'sub-item'"/>
      <xsl:with-param name="name" select="'x'"/>
      <xsl:with-param name="value" select="$x"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== inline markup ===== -->
  <xsl:template match="p:b">
    <fo:inline font-weight="bold"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <xsl:template match="p:i">
    <fo:inline font-style="italic"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <!-- the size and shift of the typography pass's superscript ordinals (src/xslt/typo.c) -->
  <xsl:template match="p:sup">
    <fo:inline font-size="65%" baseline-shift="super"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <xsl:template match="p:sub">
    <fo:inline font-size="65%" baseline-shift="sub"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <!-- a line break in a title, subject or heading: an empty block ends the line -->
  <xsl:template match="p:br"><fo:block/></xsl:template>

  <!-- a passage in another language: its language for the PDF's structure (and the engine's
       hyphenation), printed as it is (roman unless marked up with i) -->
  <xsl:template match="p:foreign">
    <fo:inline language="{@xml:lang}"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <!-- language of a paragraph written in another language than the paper -->
  <xsl:template name="lang-attr">
    <xsl:if test="@xml:lang"><xsl:attribute name="language"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template match="p:a">
    <fo:basic-link external-destination="url('{@href}')">
      <!-- right to left: the link text as a first-strong isolate (U+2068 FSI ... U+2069 PDI), so
           a URL stays left to right and whole, and Arabic link text stays Arabic -->
      <xsl:if test="$rtl">&#x2068;</xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="$rtl">&#x2069;</xsl:if>
    </fo:basic-link>
  </xsl:template>

  <xsl:template match="p:ref">
    <xsl:variable name="target" select="key('para-id', @to)"/>
    <fo:basic-link internal-destination="{@to}">
      <xsl:apply-templates select="$target" mode="number"/>
    </fo:basic-link>
  </xsl:template>

  <xsl:template match="p:article">
    <t:label>
      <xsl:choose>
        <xsl:when test="@para">
          <!-- "Article 8.1", or (form long) "paragraph 1 of Article 8": labels article-para(-long) -->
          <xsl:variable name="t">
            <xsl:call-template name="label1">
              <xsl:with-param name="id" select="concat('article-para', substring('-long', 1, 5 * number(@form = 'long')))"/>
              <xsl:with-param name="name" select="'n'"/>
              <xsl:with-param name="value" select="string(@n)"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:call-template name="fill">
            <xsl:with-param name="text" select="$t"/>
            <xsl:with-param name="name" select="'p'"/>
            <xsl:with-param name="value" select="string(@para)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="label1">
            <xsl:with-param name="id" select="'article'"/>
            <xsl:with-param name="name" select="'n'"/>
            <xsl:with-param name="value" select="string(@n)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </t:label>
  </xsl:template>

  <xsl:template match="p:action">
    <t:label>
      <xsl:call-template name="label1">
        <xsl:with-param name="id" select="'action'"/>
        <xsl:with-param name="name" select="'n'"/>
        <xsl:with-param name="value" select="string(@n)"/>
      </xsl:call-template>
    </t:label>
  </xsl:template>

  <!-- ===== footnotes ===== -->
  <xsl:template name="marker">
    <xsl:param name="mark"/>
    <fo:inline font-size="6.5pt" baseline-shift="3.3pt"><xsl:value-of select="$mark"/></fo:inline>
  </xsl:template>

  <!-- one footnote: marker at the call, body at the page foot (FORMAT.md §6) -->
  <xsl:template name="footnote">
    <xsl:param name="mark"/>
    <xsl:param name="content"/>
    <fo:footnote>
      <xsl:call-template name="marker"><xsl:with-param name="mark" select="$mark"/></xsl:call-template>
      <fo:footnote-body>
        <fo:list-block provisional-distance-between-starts="56.69pt"
            provisional-label-separation="5.67pt" start-indent="0pt" end-indent="0pt"
            font-family="Liberation Serif, Times New Roman, serif" font-size="9pt" line-height="11pt"
            font-weight="normal" font-style="normal" text-align="start" text-align-last="start"
            text-indent="0pt" keep-together.within-page="always" space-after="0pt">
          <fo:list-item>
            <fo:list-item-label end-indent="label-end()">
              <fo:block text-align="end" text-align-last="end">
                <xsl:call-template name="marker"><xsl:with-param name="mark" select="$mark"/></xsl:call-template>
              </fo:block>
            </fo:list-item-label>
            <fo:list-item-body start-indent="body-start()" end-indent="{$indent}">
              <fo:block hyphenate="true" hyphenation-push-character-count="2" hyphenation-remain-character-count="3" hyphenation-ladder-count="2"><xsl:copy-of select="$content"/></fo:block>
            </fo:list-item-body>
          </fo:list-item>
        </fo:list-block>
      </fo:footnote-body>
    </fo:footnote>
  </xsl:template>

  <xsl:template match="p:note">
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="@n:note"><xsl:value-of select="@n:note"/></xsl:when>
        <xsl:otherwise><xsl:number count="p:note" level="any"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="footnote">
      <xsl:with-param name="mark" select="$n"/>
      <xsl:with-param name="content"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="footnote-separator">
    <fo:static-content flow-name="xsl-footnote-separator">
      <fo:block start-indent="34.02pt" end-indent="0pt" space-before="6pt" space-after="4pt"
          font-size="2pt" line-height="2pt">
        <fo:leader leader-pattern="rule" rule-thickness="0.5pt" rule-style="solid" leader-length="73.7pt"/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- ===== body structure ===== -->
  <xsl:template match="p:body">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <!-- heading with a number right-aligned at x 99.21 and text at x 113.39 (FORMAT.md §3) -->
  <xsl:template name="heading-block">
    <xsl:param name="number"/>
    <xsl:param name="size"/>
    <xsl:param name="leading"/>
    <xsl:param name="before"/>
    <xsl:param name="after"/>
    <xsl:param name="weight" select="'bold'"/>
    <xsl:param name="style" select="'normal'"/>
    <xsl:param name="id" select="''"/>
    <xsl:param name="role" select="''"/>
    <fo:list-block provisional-distance-between-starts="{$indent}" provisional-label-separation="14.17pt"
        start-indent="0pt" end-indent="0pt" font-size="{$size}" line-height="{$leading}"
        font-weight="{$weight}" font-style="{$style}" space-before="{$before}" space-after="{$after}"
        keep-with-next.within-page="always" keep-together.within-page="always" text-align="start">
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:if test="$role != ''"><xsl:attribute name="role"><xsl:value-of select="$role"/></xsl:attribute></xsl:if>
      <fo:list-item>
        <fo:list-item-label end-indent="label-end()">
          <fo:block text-align="end" text-align-last="end"><xsl:value-of select="$number"/></fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()" end-indent="{$indent}">
          <fo:block><xsl:apply-templates select="p:heading/node()"/></fo:block>
        </fo:list-item-body>
      </fo:list-item>
    </fo:list-block>
  </xsl:template>

  <xsl:template match="p:chapter">
    <xsl:call-template name="heading-block">
      <xsl:with-param name="number"><xsl:apply-templates select="." mode="heading-number"/></xsl:with-param>
      <xsl:with-param name="size" select="'14pt'"/>
      <xsl:with-param name="leading" select="'16pt'"/>
      <xsl:with-param name="before" select="'18pt'"/>
      <xsl:with-param name="after" select="'12pt'"/>
      <xsl:with-param name="id"><xsl:apply-templates select="." mode="heading-id"/></xsl:with-param>
      <xsl:with-param name="role"><xsl:apply-templates select="." mode="heading-role"/></xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="*[not(self::p:heading)]"/>
  </xsl:template>

  <xsl:template match="p:section">
    <xsl:variable name="depth" select="count(ancestor-or-self::p:section)"/>
    <xsl:variable name="number"><xsl:apply-templates select="." mode="heading-number"/></xsl:variable>
    <xsl:call-template name="heading-block">
      <xsl:with-param name="number" select="$number"/>
      <xsl:with-param name="size">
        <xsl:choose><xsl:when test="$depth = 1">12pt</xsl:when><xsl:otherwise>10pt</xsl:otherwise></xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="leading">
        <xsl:choose><xsl:when test="$depth = 1">14pt</xsl:when><xsl:otherwise>12pt</xsl:otherwise></xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="before">
        <xsl:choose><xsl:when test="$depth = 1">18pt</xsl:when><xsl:otherwise>12pt</xsl:otherwise></xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="after">
        <xsl:choose><xsl:when test="$depth = 1">12pt</xsl:when><xsl:otherwise>6pt</xsl:otherwise></xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="weight">
        <xsl:choose><xsl:when test="$depth &lt;= 3">bold</xsl:when><xsl:otherwise>normal</xsl:otherwise></xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="style">
        <xsl:choose><xsl:when test="$depth = 4">italic</xsl:when><xsl:otherwise>normal</xsl:otherwise></xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="id"><xsl:apply-templates select="." mode="heading-id"/></xsl:with-param>
      <xsl:with-param name="role"><xsl:apply-templates select="." mode="heading-role"/></xsl:with-param>
    </xsl:call-template>
    <xsl:apply-templates select="*[not(self::p:heading)]"/>
  </xsl:template>

  <!-- ===== headings: numbers, ids, structure roles, outline (docs/format-choices.md,
       "Tagged PDF: headings, outline, alternative texts, languages") ===== -->
  <!-- "I." (Chinese: "一.", the label chapter-numerals' n-th word; Arabic: "أولاً -", that word
       in the label chapter-number) -->
  <xsl:template match="p:chapter" mode="heading-number">
    <xsl:if test="not(@numbered = 'no')">
      <xsl:variable name="numerals" select="$own-chapter-numerals"/>
      <xsl:variable name="n"><xsl:number count="p:chapter[not(@numbered = 'no')]" format="1"/></xsl:variable>
      <xsl:variable name="word">
        <xsl:if test="$numerals != ''">
          <xsl:call-template name="nth-word"><xsl:with-param name="s" select="concat($numerals, ' ')"/><xsl:with-param name="n" select="number($n)"/></xsl:call-template>
        </xsl:if>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$word != '' and $own-chapter-number">
          <xsl:call-template name="label1"><xsl:with-param name="id" select="'chapter-number'"/><xsl:with-param name="name" select="'x'"/><xsl:with-param name="value" select="$word"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="$word != ''"><xsl:value-of select="concat($word, '.')"/></xsl:when>
        <xsl:otherwise><xsl:number value="$n" format="I."/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- the n-th space-separated word of s (s ends with a space); empty past the last -->
  <xsl:template name="nth-word">
    <xsl:param name="s"/>
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &lt;= 1"><xsl:value-of select="substring-before($s, ' ')"/></xsl:when>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="nth-word"><xsl:with-param name="s" select="substring-after($s, ' ')"/><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A. / 1. / (a) / (i) / a. by depth -->
  <xsl:template match="p:section" mode="heading-number">
    <xsl:variable name="depth" select="count(ancestor-or-self::p:section)"/>
    <xsl:if test="not(@numbered = 'no')">
      <xsl:choose>
        <xsl:when test="$depth = 1 and $own-section-letters">
          <!-- Arabic "ألف -", "باء -": the letter names of the label section-letters -->
          <xsl:variable name="n"><xsl:number count="p:section[not(@numbered = 'no')]" format="1"/></xsl:variable>
          <xsl:call-template name="label1"><xsl:with-param name="id" select="'section-number'"/><xsl:with-param name="name" select="'x'"/>
            <xsl:with-param name="value"><xsl:call-template name="label-word"><xsl:with-param name="id" select="'section-letters'"/><xsl:with-param name="n" select="$n"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$depth = 1"><xsl:number count="p:section[not(@numbered = 'no')]" format="A."/></xsl:when>
        <xsl:when test="$depth = 2"><xsl:number count="p:section[not(@numbered = 'no')]" format="1."/></xsl:when>
        <xsl:when test="$depth = 3">
          <xsl:call-template name="sub-label">
            <xsl:with-param name="x"><xsl:call-template name="sub-letter"><xsl:with-param name="latin"><xsl:number count="p:section[not(@numbered = 'no')]" format="a"/></xsl:with-param></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$depth = 4">
          <xsl:call-template name="sub-label">
            <xsl:with-param name="x"><xsl:number count="p:section[not(@numbered = 'no')]" format="i"/></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:number count="p:section[not(@numbered = 'no')]" format="a."/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- id of a heading's block, the outline's destination: the source's id, else "hd-" and the
       element's position among the body's annexes, chapters and sections ("hd-3-1-2") -->
  <xsl:template match="p:annex | p:chapter | p:section" mode="heading-id">
    <xsl:choose>
      <xsl:when test="@id"><xsl:value-of select="@id"/></xsl:when>
      <xsl:otherwise>
        <xsl:text>hd-</xsl:text>
        <xsl:number level="multiple" count="p:annex | p:chapter | p:section" format="1-1"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- structure type: the title is H1; chapters and annexes H2; a chapter inside an annex H3;
       each section one deeper than its parent; capped at H6 (no level is ever skipped) -->
  <xsl:template match="p:annex | p:chapter | p:section" mode="heading-role">
    <xsl:variable name="level" select="2 + count(ancestor::p:annex) + count(ancestor-or-self::p:section)"/>
    <xsl:choose>
      <xsl:when test="$level &gt; 6">H6</xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('H', $level)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- heading text as plain text (bookmark titles): markup dropped, generated text kept -->
  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>
  <xsl:template match="text()" mode="plain"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="p:note" mode="plain"/>
  <xsl:template match="p:br" mode="plain"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="p:ref" mode="plain">
    <xsl:apply-templates select="key('para-id', @to)" mode="number"/>
  </xsl:template>
  <xsl:template match="p:article | p:action" mode="plain"><xsl:apply-templates select="."/></xsl:template>

  <!-- the heading as printed, number and text: "I. Introduction", "Annex II – Composition" -->
  <xsl:template match="p:annex | p:chapter | p:section" mode="bookmark-title">
    <xsl:variable name="number"><xsl:apply-templates select="." mode="heading-number"/></xsl:variable>
    <xsl:variable name="text"><xsl:apply-templates select="p:heading" mode="plain"/></xsl:variable>
    <xsl:variable name="sep">
      <xsl:choose>
        <xsl:when test="self::p:annex and normalize-space($text) != ''"> – </xsl:when>
        <xsl:otherwise><xsl:text> </xsl:text></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="normalize-space(concat($number, $sep, $text))"/>
  </xsl:template>

  <!-- outline: one bookmark per annex, chapter and section, nested as in the source;
       chapters and annexes open, sections closed. None when the paper has no headings. -->
  <xsl:template name="bookmark-tree">
    <xsl:variable name="top" select="/p:paper/p:body/p:chapter | /p:paper/p:body/p:annex"/>
    <xsl:if test="$top">
      <fo:bookmark-tree>
        <xsl:apply-templates select="$top" mode="bookmark"/>
      </fo:bookmark-tree>
    </xsl:if>
  </xsl:template>

  <xsl:template match="p:annex | p:chapter | p:section" mode="bookmark">
    <fo:bookmark>
      <xsl:attribute name="internal-destination"><xsl:apply-templates select="." mode="heading-id"/></xsl:attribute>
      <xsl:attribute name="starting-state">
        <xsl:choose>
          <xsl:when test="self::p:section">hide</xsl:when>
          <xsl:otherwise>show</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <fo:bookmark-title><xsl:apply-templates select="." mode="bookmark-title"/></fo:bookmark-title>
      <xsl:apply-templates select="p:chapter | p:section" mode="bookmark"/>
    </fo:bookmark>
  </xsl:template>

  <!-- "Annex" (one annex) or "Annex II" (several), as printed on the annex's first line -->
  <xsl:template match="p:annex" mode="heading-number">
    <xsl:call-template name="label"><xsl:with-param name="id" select="'annex'"/></xsl:call-template>
    <xsl:if test="count(../p:annex) &gt; 1">
      <xsl:text> </xsl:text><xsl:number count="p:annex" format="I"/>
    </xsl:if>
  </xsl:template>

  <!-- the annex line and the annex title are one heading (one H2 in the PDF's structure) -->
  <xsl:template match="p:annex">
    <fo:block break-before="page" keep-with-next.within-page="always">
      <xsl:attribute name="id"><xsl:apply-templates select="." mode="heading-id"/></xsl:attribute>
      <xsl:attribute name="role"><xsl:apply-templates select="." mode="heading-role"/></xsl:attribute>
      <fo:block start-indent="{$indent}" end-indent="{$indent}" font-size="14pt"
          line-height="16pt" font-weight="bold" space-after="12pt" keep-with-next.within-page="always">
        <xsl:apply-templates select="." mode="heading-number"/>
      </fo:block>
      <fo:block start-indent="{$indent}" end-indent="{$indent}" font-size="12pt" line-height="14pt"
          font-weight="bold" space-before="18pt" space-after="12pt" keep-with-next.within-page="always">
        <xsl:apply-templates select="p:heading/node()"/>
      </fo:block>
    </fo:block>
    <xsl:apply-templates select="*[not(self::p:heading)]"/>
  </xsl:template>

  <!-- ===== paragraphs, sub-items, bullets (body text 10/12, report) ===== -->
  <xsl:template name="body-block-attrs">
    <xsl:attribute name="end-indent"><xsl:value-of select="$indent"/></xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
    <xsl:attribute name="text-align-last">start</xsl:attribute>
    <xsl:attribute name="space-after">6pt</xsl:attribute>
    <xsl:attribute name="widows">2</xsl:attribute>
    <xsl:attribute name="orphans">2</xsl:attribute>
    <xsl:call-template name="hyphenation-attrs"/>
  </xsl:template>

  <!-- body text and notes are hyphenated by the paper language's dictionary; the masthead,
       titles and headings are not (docs/format-choices.md, "Hyphenation"); Chinese never is
       (labels.xml: hyphenate="no"): its lines break between characters -->
  <xsl:template name="hyphenation-attrs">
    <xsl:attribute name="hyphenate"><xsl:value-of select="not($lang-attrs/@hyphenate = 'no')"/></xsl:attribute>
    <xsl:attribute name="hyphenation-push-character-count">2</xsl:attribute>
    <xsl:attribute name="hyphenation-remain-character-count">
      <xsl:choose>
        <xsl:when test="$lang-attrs/@hyphenation-remain"><xsl:value-of select="$lang-attrs/@hyphenation-remain"/></xsl:when>
        <xsl:otherwise>3</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <xsl:attribute name="hyphenation-ladder-count">2</xsl:attribute>
  </xsl:template>

  <!-- numbered paragraph: number at x 113.39, first-line text at x 141.73, wraps at x 113.39 -->
  <xsl:template match="p:p">
    <fo:block start-indent="{$indent}">
      <xsl:call-template name="body-block-attrs"/>
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="lang-attr"/>
      <xsl:if test="not(@numbered = 'no')">
        <xsl:call-template name="tabbed-label">
          <xsl:with-param name="text">
            <xsl:variable name="n"><xsl:apply-templates select="." mode="number"/></xsl:variable>
            <!-- "1." (Arabic "1-": labels.xml para-number) -->
            <xsl:choose>
              <xsl:when test="$own-para-number">
                <xsl:call-template name="label1"><xsl:with-param name="id" select="'para-number'"/><xsl:with-param name="name" select="'n'"/><xsl:with-param name="value" select="$n"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($n, '.')"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- label of an item in an items list, per level and language -->
  <xsl:template name="item-label">
    <xsl:param name="level"/>
    <xsl:choose>
      <xsl:when test="$level = 1">
        <xsl:call-template name="sub-label"><xsl:with-param name="x"><xsl:call-template name="sub-letter"><xsl:with-param name="latin"><xsl:number count="p:item" format="a"/></xsl:with-param></xsl:call-template></xsl:with-param></xsl:call-template>
      </xsl:when>
      <xsl:when test="$level = 2">
        <xsl:call-template name="sub-label"><xsl:with-param name="x"><xsl:number count="p:item" format="i"/></xsl:with-param></xsl:call-template>
      </xsl:when>
      <xsl:when test="$level = 3"><xsl:number count="p:item" format="a."/></xsl:when>
      <xsl:otherwise><xsl:number count="p:item" format="i."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="p:items">
    <xsl:apply-templates select="p:item" mode="items"/>
  </xsl:template>

  <!-- sub-item: label at the level's tab, text one tab further, wrapped lines at x 113.39 -->
  <xsl:template match="p:item" mode="items">
    <xsl:variable name="level" select="count(ancestor::p:items)"/>
    <fo:block start-indent="{$indent}" text-indent="{format-number($tab * $level, '0.##')}pt">
      <xsl:call-template name="body-block-attrs"/>
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:call-template name="tabbed-label">
        <xsl:with-param name="text"><xsl:call-template name="item-label"><xsl:with-param name="level" select="$level"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="node()[not(self::p:items or self::p:bullets)]"/>
    </fo:block>
    <xsl:apply-templates select="p:items | p:bullets"/>
  </xsl:template>

  <!-- bullets: symbol at x 133.23, text hanging at x 141.73 (one tab further per nesting) -->
  <xsl:template match="p:bullets">
    <xsl:variable name="depth" select="count(ancestor::p:items | ancestor::p:bullets)"/>
    <xsl:variable name="start" select="76.54 + $tab * $depth"/>
    <xsl:variable name="symbol">
      <xsl:choose>
        <xsl:when test="@symbol"><xsl:value-of select="@symbol"/></xsl:when>
        <xsl:otherwise>&#8226;</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:list-block start-indent="{format-number($start, '0.##')}pt" end-indent="0pt"
        provisional-distance-between-starts="8.5pt" provisional-label-separation="0pt">
      <xsl:for-each select="p:item">
        <fo:list-item space-after="6pt">
          <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
          <fo:list-item-label end-indent="label-end()">
            <fo:block text-indent="0pt" text-align="start"><xsl:value-of select="$symbol"/></fo:block>
          </fo:list-item-label>
          <fo:list-item-body start-indent="body-start()" end-indent="{$indent}">
            <fo:block text-indent="0pt" text-align="justify" text-align-last="start" widows="2" orphans="2"
                hyphenate="{not($lang-attrs/@hyphenate = 'no')}" hyphenation-push-character-count="2" hyphenation-remain-character-count="3" hyphenation-ladder-count="2">
              <xsl:apply-templates select="node()[not(self::p:items or self::p:bullets)]"/>
            </fo:block>
            <xsl:apply-templates select="p:items | p:bullets"/>
          </fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>

  <xsl:template match="p:meta"/>
  <!-- ===== job-number codes (FORMAT 5.9; docs/fo-extensions.md, docs/format-choices.md) ===== -->
  <!-- Code 39 data of a job number "GE.25-22222": "*2522222*" (year digits + job digits) -->
  <xsl:template name="job-barcode-data">
    <xsl:param name="number"/>
    <xsl:value-of select="concat('*', substring-before(substring-after($number, '.'), '-'),
                                 substring-after($number, '-'), '*')"/>
  </xsl:template>

  <!-- The barcode (narrow module 0.24 mm, wide 3x, 8.5 mm high) with its human-readable line
       (8 pt Liberation Sans, letter-spaced, centred under the bars), in a container as wide as the
       bars: each character is 16 narrow modules (6 narrow + 3 wide + the gap), less the last gap. -->
  <xsl:template name="code39-block">
    <xsl:param name="data"/>
    <xsl:param name="number"/>
    <fo:block-container width="{(string-length($data) * 16 - 1) * 0.24}mm">
      <fo:block font-size="10pt" line-height="1pt">
        <fo:instream-foreign-object>
          <xsl:attribute name="fox:alt-text">
            <xsl:call-template name="alt-text">
              <xsl:with-param name="what" select="'barcode'"/>
              <xsl:with-param name="value" select="concat(translate($data, '*', ''), ' (', $number, ')')"/>
            </xsl:call-template>
          </xsl:attribute>
          <g:code39 data="{$data}" module="0.24mm" height="8.5mm" wide-ratio="3"/>
        </fo:instream-foreign-object>
      </fo:block>
      <fo:block font-family="Liberation Sans" font-size="8pt" line-height="9.6pt" letter-spacing="0.5em"
          text-align="center" padding-top="1pt">
        <xsl:value-of select="$data"/>
      </fo:block>
    </fo:block-container>
  </xsl:template>

  <!-- alternative text of a code, in the paper's language: "QR code: <address>",
       "Bar code: <digits> (<job number>)" -->
  <xsl:template name="alt-text">
    <xsl:param name="what"/>
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="$what = 'qr' and $lang = 'fr'">Code QR&#160;: </xsl:when>
      <xsl:when test="$what = 'qr' and $lang = 'es'">Código QR: </xsl:when>
      <xsl:when test="$what = 'qr'">QR code: </xsl:when>
      <xsl:when test="$lang = 'fr'">Code-barres&#160;: </xsl:when>
      <xsl:when test="$lang = 'es'">Código de barras: </xsl:when>
      <xsl:otherwise>Bar code: </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$value"/>
  </xsl:template>

  <!-- QR code of the paper's address on undocs.org: module 0.55 mm, level M -->
  <xsl:template name="qr-block">
    <xsl:param name="symbol"/>
    <fo:block font-size="10pt" line-height="1pt">
      <fo:instream-foreign-object>
        <xsl:attribute name="fox:alt-text">
          <xsl:call-template name="alt-text">
            <xsl:with-param name="what" select="'qr'"/>
            <xsl:with-param name="value" select="concat('http://undocs.org/', $symbol)"/>
          </xsl:call-template>
        </xsl:attribute>
        <g:qr data="{concat('http://undocs.org/', $symbol)}" module="0.55mm" level="M"/>
      </fo:instream-foreign-object>
    </fo:block>
  </xsl:template>

  <!-- A review copy (mspdoc build CORRECTED.xml with changes-from ISSUED.xml, src/edit/review.c):
       a change bar beside the lines of each changed passage, a red caret and a bar where words
       were taken out. Processing instructions never come from an author's source otherwise. -->
  <xsl:template match="processing-instruction('msp-change-begin')">
    <fo:change-bar-begin change-bar-class="{normalize-space(.)}" change-bar-style="solid"
                         change-bar-width="1.5pt" change-bar-offset="10pt"/>
  </xsl:template>
  <xsl:template match="processing-instruction('msp-change-end')">
    <fo:change-bar-end change-bar-class="{normalize-space(.)}"/>
  </xsl:template>
  <xsl:template match="processing-instruction('msp-deleted')">
    <fo:change-bar-begin change-bar-class="{normalize-space(.)}" change-bar-style="solid"
                         change-bar-width="1.5pt" change-bar-offset="10pt"/>
    <fo:inline color="#C00000" font-weight="bold">^</fo:inline>
    <fo:change-bar-end change-bar-class="{normalize-space(.)}"/>
  </xsl:template>
</xsl:stylesheet>
