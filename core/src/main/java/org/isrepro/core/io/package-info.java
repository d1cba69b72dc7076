/** Files every module writes whole or not at all: results, checkpoints, reports, generated scripts. */
package org.isrepro.core.io;
