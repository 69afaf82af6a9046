"""Fixed choices the command line offers before anything heavy is imported."""

#: The PDF variants a repository may choose; the first, PDF/A-2a, is archivable and tagged for screen readers.
PDF_VARIANTS = ("pdf/a-2a", "pdf/a-2u", "pdf/a-3a", "pdf/a-3u", "pdf/ua-1", "ingen")

#: The years a round may be named by (its file, and a year given on the command line).
FIRST_YEAR, LAST_YEAR = 1990, 2200

#: The engines that can write a PDF; the first, typst, is the default and needs nothing installed but aftale.
PDF_ENGINES = ("typst", "weasyprint")
