package dev.ibu.codec;

import dev.ibu.domain.ImageBasedUpgrade;

/** One ImageBasedUpgrade of a multi-document input, labelled for messages ("document 2", "document 1, items[3]"). */
public record IbuDocument(String label, ImageBasedUpgrade ibu) {
}
