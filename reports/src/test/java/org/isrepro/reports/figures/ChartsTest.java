package org.isrepro.reports.figures;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class ChartsTest {
    @Test
    void drawnTitlesAreShortAndCutAtTheEnd() {
        String drawn = Charts.fitTitle("wrn-cifar10 · training loss vs cost clock " + "x".repeat(100));
        assertEquals(Charts.MAX_TITLE, drawn.length());
        assertTrue(drawn.startsWith("wrn-cifar10 · training loss") && drawn.endsWith("…"), drawn);
        assertEquals("short", Charts.fitTitle("short"));
    }

    @Test
    void eachMethodHasOneColourAndMarkerWhateverTheOrderItIsDrawnIn() {
        List<String> methods = List.of("uniform", "upper-bound", "loss", "gradient-norm", "loshchilov-hutter",
                "schaul", "svrg", "katyusha", "scsg", "osgd", "rais");
        Set<java.awt.Color> colours = new HashSet<>();
        for (String m : methods) {
            assertEquals(Charts.style(m, -1), Charts.style(m, -1));
            colours.add(Charts.style(m, -1).color());
        }
        assertEquals(methods.size(), colours.size(), "two methods share a colour");
        assertNotEquals(Charts.style("upper-bound", 0), Charts.style("upper-bound", 1), "variants look alike");
    }

    @Test
    void aLogAxisIsUsedOnlyWhenTheValuesSpanADecade() {
        assertFalse(Charts.logWorthIt(List.of(new double[]{1.30, 1.31}, new double[]{1.305})));
        assertTrue(Charts.logWorthIt(List.of(new double[]{2.3, 0.5}, new double[]{0.2})));
    }
}
