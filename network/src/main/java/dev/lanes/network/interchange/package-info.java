/**
 * A network's parameters in the formats Python tools read and write: numpy's {@code .npz} and safetensors
 * ({@link dev.lanes.network.interchange.InterchangeFormat}), with the architecture recorded alongside
 * ({@link dev.lanes.network.interchange.Architecture}).
 *
 * <p>Parameters keep the names Lanes gives them ({@code affine1.W}, {@code affine1.b}, {@code affine2.W}, ...).
 * A weight matrix is stored inputs × units, as Lanes and the textbook hold it, so {@code x @ W + b} in numpy is
 * the layer; a bias is stored as a vector of {@code units} values (the textbook's {@code np.zeros(units)}), and a
 * {@code 1 × units} matrix is read as well.
 */
package dev.lanes.network.interchange;
