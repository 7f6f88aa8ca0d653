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


class ExpandsTooMuch(ResumeError):
    """A compressed part (a Word document's XML, a PDF stream) unpacks to more than a resume ever needs."""

    code = "expands_too_much"


class TooMuchMemory(ResumeError):
    """Reading the file needed more memory than one parse may use."""

    code = "memory"


class ParserCrashed(ResumeError):
    """The parsing process stopped without an answer, or the parser failed in a way it does not expect."""

    code = "crashed"
