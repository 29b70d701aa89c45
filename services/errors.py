"""Domain errors: a machine code for programs and tests, a French message for people."""


class DomainError(Exception):
    """A rule refused the request. Nothing was changed."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know it exists."""


class Forbidden(DomainError):
    """The caller is known but not allowed to do this."""


class FieldsRefused(DomainError):
    """A form has mistakes; `errors` holds a French message per field. Nothing was changed."""

    def __init__(self, code: str, message: str, errors: dict[str, str]):
        super().__init__(code, message)
        self.errors = errors
