#!/usr/bin/python3
"""Makes data/states.xml: every State in UNTERM's country list with its UN short
name in the six official languages and an ISO 3166-1 alpha-2 code as its
language-neutral key.

Input: countries.ttl of github.com/dag-hammarskjold-library/unterm-proxy
(commit 7ade3cb8, the UNTERM country records as linked data; its skos:prefLabel is
UNTERM's preferred short form, with the article in parentheses for French and
Spanish: "Cameroun (le)", "Camerún (el)") and the Debian package iso-codes
(/usr/share/iso-codes/json/iso_3166-1.json) for the codes. Run:

    tools/make-states.py countries.ttl > data/states.xml

The article becomes an attribute; French gender (for agreement such as
"Présidente") follows the article, and for "l'" the first word's final "e"
(Algérie, Allemagne: feminine; Afghanistan, Iraq: masculine), a rule of French
usage checked by hand on the list this prints to stderr.
"""
import json
import re
import sys
from xml.sax.saxutils import escape

# UNTERM short names that iso-codes spells otherwise
MANUAL = {
    "Bahamas": "BS", "Bolivia (Plurinational State of)": "BO",
    "Democratic Republic of the Congo": "CD", "Iran (Islamic Republic of)": "IR",
    "Micronesia (Federated States of)": "FM", "Netherlands (Kingdom of the)": "NL",
    "Republic of Korea": "KR", "Venezuela (Bolivarian Republic of)": "VE",
    "Holy See": "VA", "State of Palestine": "PS",
}
ARTICLE = re.compile(r"^(.*) \((the|The|le|la|l'|les|Les|el|la|los|las|Las)\)$")
LANGS = ["en", "fr", "es", "ar", "zh", "ru"]


def split_article(text):
    m = ARTICLE.match(text)
    return (m.group(1), m.group(2)) if m else (text, None)


def french_gender(name, article):
    if article in ("le",):
        return "m"
    if article in ("la",):
        return "f"
    if article in ("les", "Les"):
        return "pl"
    first = re.split(r"[ -]", name)[0]
    return "f" if first.endswith("e") else "m"


def main():
    ttl = open(sys.argv[1], encoding="utf-8").read()
    iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    codes = {}
    for c in iso:
        for k in ("name", "official_name", "common_name"):
            if k in c:
                codes[c[k].lower()] = c["alpha_2"]
    states = []
    for line in re.findall(r"skos:prefLabel (.*) ;\n", ttl):
        labels = {lang: v for v, lang in re.findall(r'"((?:[^"\\]|\\.)*)"@(\w+)', line)}
        en, _ = split_article(labels["en"])
        code = MANUAL.get(en) or codes.get(en.lower())
        if not code:
            sys.exit("no ISO 3166 code for '%s': add it to MANUAL" % en)
        states.append((code, labels))
    states.sort()
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           "<!-- States: UN short names per language (UNTERM preferred short forms; the French and",
           "     Spanish article as an attribute), keyed by ISO 3166-1 alpha-2 code. Made by",
           "     tools/make-states.py; format: docs/data.md. -->",
           "<states>"]
    for code, labels in states:
        out.append('  <state code="%s">' % code)
        for lang in LANGS:
            if lang not in labels:
                continue
            name, article = split_article(labels[lang])
            attrs = ""
            if article:
                attrs += ' article="%s"' % escape(article.lower(), {'"': "&quot;"})
            if lang == "fr":
                g = french_gender(name, article)
                attrs += ' gender="%s"' % g
                if article == "l'":
                    print("%s l'%s: %s" % (code, name, g), file=sys.stderr)
            out.append('    <name xml:lang="%s"%s>%s</name>' % (lang, attrs, escape(name)))
        out.append("  </state>")
    out.append("</states>")
    print("\n".join(out))


if __name__ == "__main__":
    main()
