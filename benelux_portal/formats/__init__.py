"""The portal's own date formats (``FORMAT_MODULE_PATH``): only where Django's differ from what our readers write."""
