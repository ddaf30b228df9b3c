import unittest

import mock
import six


class RecordTest(unittest.TestCase):
    def test_equal(self):
        self.assertEquals(1, 1)
        self.assertItemsEqual([1, 2], [2, 1])
        six.assertRaisesRegex(self, ValueError, "bad", int, "x")

    @mock.patch("os.path.exists")
    def test_patch(self, exists):
        self.failUnless(exists is not None)


if __name__ == "__main__":
    unittest.main()
