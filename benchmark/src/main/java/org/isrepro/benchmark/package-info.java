/**
 * JMH benchmarks of the paper's cost argument (§3.2-3.3): one class per question. {@code ForwardBench} is
 * the unit (a plain inference forward pass of B samples); {@code ScoringBench}, {@code ExactScoringBench}
 * and {@code GoodfellowBench} what scores cost; {@code SamplingBench} drawing b of B; {@code TauBench} the
 * eq. 26 update; {@code UniformStepBench} and {@code IsIterationBench} one step of each method.
 * {@link org.isrepro.benchmark.Ratios} turns JMH's JSON into the ratios the report judges.
 * See docs/benchmarks.md.
 */
package org.isrepro.benchmark;
