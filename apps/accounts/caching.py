"""The generation of the partners' directory (organisations and countries): part of the key of its cached lists."""

from benelux_portal.generation import Generation

DIRECTORY = Generation("accounts:directory")
