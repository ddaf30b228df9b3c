# PEP 750 (Python 3.14): template strings.
name = u"world"
greeting = t"hello {name}"
