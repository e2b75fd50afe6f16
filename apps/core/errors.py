class ApplicationError(Exception):
    """A business rule refused an action; ``message`` is translated for the user.

    ``errors`` maps field names to lists of messages, as in the API's error shape.
    """

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
