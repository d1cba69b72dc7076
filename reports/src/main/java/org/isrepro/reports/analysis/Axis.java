package org.isrepro.reports.analysis;

import org.isrepro.reports.records.Point;

import java.util.function.ToDoubleFunction;

/** The x axes curves are drawn and compared against. */
public enum Axis {
    WALL("wall", "wall-clock time", "wall-clock time [s]", Point::wallSeconds),
    COST("cost", "cost clock", "cost clock [units; forward of one sample = 1, backward = 2]", Point::costUnits),
    EPOCH("epochs", "epochs", "epochs [passes over the training set]", Point::epoch),
    ITERATION("iterations", "iterations", "iterations [parameter updates]", Point::iteration);

    public final String id;
    public final String name;
    public final String label;
    public final ToDoubleFunction<Point> value;

    Axis(String id, String name, String label, ToDoubleFunction<Point> value) {
        this.id = id;
        this.name = name;
        this.label = label;
        this.value = value;
    }
}
