"""The version of the partners' directory (organisations and countries): the cached lists of its API follow it."""

from apps.core.caching import Version

DIRECTORY = Version("accounts:directory")
