"""The exceptions of aftale. Bad input is reported as problems, not raised; these are the rest."""


class AftaleError(Exception):
    """Something the user can mend, said in one Danish sentence; the CLI exits with code 2."""

    exit_code = 2


class NotARepository(AftaleError):
    """No folder with ``agreements/`` was found where a command looked."""
