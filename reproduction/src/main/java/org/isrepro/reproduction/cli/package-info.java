/** The command line ({@code isrepro run | list | matrix | ablation}), sharing the suites' code. */
package org.isrepro.reproduction.cli;
