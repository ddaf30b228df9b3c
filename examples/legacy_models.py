# -*- coding: utf-8 -*-
"""A small module written the way Python 2/3 compatible code used to be."""
from __future__ import absolute_import, print_function, unicode_literals

import io
import collections
from typing import Dict, List, Optional, Text

import six
from six.moves import range


class Record(object):
    __metaclass__ = type

    def __init__(self, name, tags=None):
        super(Record, self).__init__()
        self.name = name
        self.tags = set([t.lower() for t in tags or []])

    def describe(self):
        return u"%s (%d tags)" % (self.name, len(self.tags))

    def greeting(self, who):
        return "Hello {0}, I am {1}".format(who, self.name)

    def save(self, path):
        with io.open(path, "w", encoding="utf-8") as fh:
            fh.write(six.text_type(self.describe()))

    def load(self, path):
        with open(path, "r") as fh:
            return fh.read().encode("utf-8")


def index(records):
    # type: (List[Record]) -> Dict[Text, Record]
    by_name = dict((r.name, r) for r in records)
    for name in six.iterkeys(by_name):
        yield name


def walk(tree):
    for node in tree:
        yield node


def check(value):
    if value is 0:
        raise IOError("empty")
    return isinstance(value, (int, int, float))


def first(items: List[int]) -> Optional[int]:
    counts = collections.defaultdict(lambda: 0)
    for i in range(len(items)):
        counts[items[i]] += 1
    return items[0] if items else None
