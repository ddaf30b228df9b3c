# PEP 696 (Python 3.13): type parameter defaults.
class Box[T = int](object):
    label = u"box"
