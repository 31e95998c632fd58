package dev.ibu.apiserver.registry;

/** One additionalPrinterColumn of a CRD version (or a default column). */
public record PrinterColumn(String name, String type, String format, String description, int priority, String jsonPath) {
}
