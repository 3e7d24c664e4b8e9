"""The answers' public names where other parts and checks have always found them.

The model and its codecs live in :mod:`guide.answers` (``model``, ``link``, ``files``).
"""

from guide.answers import *  # noqa: F403
from guide.answers import __all__ as __all__
