"""Typed errors for resumes that cannot be read, each with a message a recruiter understands."""


class ResumeError(Exception):
    """A resume file that cannot be used; ``str(err)`` is the message to show."""

    code = "unreadable"


class EmptyFile(ResumeError):
    code = "empty"


class FileTooLarge(ResumeError):
    code = "too_large"


class UnsupportedFileType(ResumeError):
    code = "unsupported_type"


class CorruptFile(ResumeError):
    code = "corrupt"


class EncryptedFile(ResumeError):
    code = "encrypted"


class NoTextLayer(ResumeError):
    code = "no_text"


class TimeBudgetExceeded(ResumeError):
    code = "timeout"
