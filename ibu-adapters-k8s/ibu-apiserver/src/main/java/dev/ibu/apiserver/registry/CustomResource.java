package dev.ibu.apiserver.registry;

import dev.ibu.apiserver.admission.CustomResourceAdmission;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What a CRD version adds to a resource type: its schema, printer columns and admission. */
public record CustomResource(String crdName, JsonNode openApiV3Schema, List<PrinterColumn> printerColumns,
                             CustomResourceAdmission admission) {
    public CustomResource {
        printerColumns = List.copyOf(printerColumns);
    }
}
