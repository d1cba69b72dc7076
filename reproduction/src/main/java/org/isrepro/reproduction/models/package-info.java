/** The paper's networks (WRN-28-2, ResNet-50, LSTM-128, LeNet) and their reduced stand-ins, in DL4J. */
package org.isrepro.reproduction.models;
