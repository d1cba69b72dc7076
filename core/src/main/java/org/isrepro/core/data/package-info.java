/** The methods' view of a training set: a {@link org.isrepro.core.data.SampleSource} addressable by index. */
package org.isrepro.core.data;
