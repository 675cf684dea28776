# perl -0p: the sample report corrected as issue 17's acceptance says, used by
# tests/e2e/corrections_diff.sh and the docs examples (tests/e2e/docs_examples.sh):
# (a) "potential" -> "new" in paragraph 5; (b) the second sentence of paragraph 7
# (it spans source lines); (c) the text of footnote 1; (d) a sub-item after (a).
s/discuss potential opportunities/discuss new opportunities/ or die "a";
s/ The\s+methodology for the preparation of preliminary observations.*?affected communities\.//s or die "b";
s|documents-1</a></note>|documents-2</a></note>| or die "c";
s|(<item><a href="https://www.apminebanconvention.org/en/membership/south-sudan">[^\n]*</item>)|$1\n        <item><a href="https://www.apminebanconvention.org/en/membership/sudan">https://www.apminebanconvention.org/en/membership/sudan</a>;</item>| or die "d";
