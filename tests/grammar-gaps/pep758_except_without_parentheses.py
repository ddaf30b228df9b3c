# PEP 758 (Python 3.14): except without parentheses.
try:
    label = u"x"
except ValueError, TypeError:
    pass
