"""drf-spectacular hooks: document the one error shape on every operation."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["detail", "errors"],
}

ERROR_RESPONSES = {
    "400": "Invalid input; `errors` names each field with its messages.",
    "401": "Not authenticated.",
    "403": "Authenticated, but not allowed to do this.",
    "404": "Not found, or not visible to you.",
}
# The log-in of the API answers 429 to a client over its rate, and to one locked out after failed attempts.
LOG_IN_PATH_END = "/auth/token/"
TOO_MANY = "Too many attempts: wait before trying again."
# A list paged by number answers 404 for a page it does not have (``?page=0``, ``?page=abc``, past the last).
NO_SUCH_PAGE = "No such page of the list."


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            errors = dict(ERROR_RESPONSES)
            if path.endswith(LOG_IN_PATH_END):
                errors["429"] = TOO_MANY
            query = {
                parameter.get("name") for parameter in operation.get("parameters", []) if parameter.get("in") == "query"
            }
            paged = "page" in query
            if paged and "{" not in path:
                errors["404"] = NO_SUCH_PAGE
            for code, description in errors.items():
                if code == "401" and path.endswith(LOG_IN_PATH_END):
                    continue
                if code == "404" and "{" not in path and not paged:
                    continue
                # A GET of one object takes no input; a paged list of an object's items (messages) does.
                takes_query = bool(query)
                if code == "400" and method == "get" and "{" in path and not takes_query:
                    continue
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
