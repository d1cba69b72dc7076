package org.isrepro.reports.records;

import static org.isrepro.records.RecordFiles.orNaN;

import org.isrepro.records.SeriesPoint;

/**
 * One evaluation of a run ({@link SeriesPoint}) for the analysis: absent numbers are NaN; {@code isOn} is whether
 * importance sampling was on at that point.
 */
public record Point(double wallSeconds, double costUnits, double iteration, double samplesSeen, double epoch,
                    double trainLoss, double testError, double testLoss, double validationError, double tau,
                    boolean isOn, double learningRate) {

    static Point of(SeriesPoint p) {
        return new Point(p.wallSeconds(), p.costUnits(), p.iteration(), p.samplesSeen(), p.epoch(),
                orNaN(p.trainLoss()), orNaN(p.testError()), orNaN(p.testLoss()), orNaN(p.validationError()),
                orNaN(p.tau()), p.isOn(), p.learningRate());
    }
}
