"""HTML to PDF, locked down, with a cap on renders at once and the PDF cache shared by instances."""
