package org.isrepro.reports.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ChartsTest {
    @Test
    void longTitlesAreShrunkAndCutInTheMiddleToFitTheFigure() {
        String longTitle = "cpu scale, stand-in: " + "x".repeat(400) + " (paper: WRN-28-2)";
        String drawn = Charts.fitTitle(longTitle);
        assertEquals(Charts.MAX_TITLE, drawn.length());
        assertTrue(drawn.startsWith("cpu scale") && drawn.endsWith("WRN-28-2)"), drawn);
        assertTrue(Charts.titleFont(longTitle).getSize() * 0.6 * drawn.length() <= Charts.WIDTH - 40 + 200);
        assertEquals(13, Charts.titleFont("short").getSize());
    }
}
