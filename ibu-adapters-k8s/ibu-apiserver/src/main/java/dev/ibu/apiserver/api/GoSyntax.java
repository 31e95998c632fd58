package dev.ibu.apiserver.api;

/** A bad value printed verbatim, as Go's %#v printed it ({@code 0x0}, {@code []interface {}{"Prep"}}). */
public record GoSyntax(String text) {
    @Override
    public String toString() {
        return text;
    }
}
