"""The connected organisation: expertise finder and target lists (issue 10, part 5)."""
