"""The commands: one module each, each a consumer of one :class:`aftale.workspace.Workspace`.

``tjek``, ``ny`` (and ``ny-dialog``), ``skema``, ``status`` (and ``historik``), ``dokument`` (the
dagsorden, referat and aftaledokument), ``redegoerelse``, ``byg``, ``udgiv`` and ``vis`` (with its
server, ``vis_server``). The command line (:mod:`aftale.cli`) parses arguments, calls one function
here and prints what it returns.
"""
