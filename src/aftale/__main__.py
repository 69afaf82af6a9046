"""Run ``python -m aftale`` as the ``aftale`` command."""

from aftale.cli import main

main()
