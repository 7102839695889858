/**
 * Lanes numerics: dense row-major {@code float}/{@code double} matrices and the operations on them.
 *
 * <p>Only {@code dev.lanes.numerics} is API. The kernels behind it ({@code kernel}: element-wise maps and
 * reductions; {@code gemm}: the blocked matrix product) are internal and not exported. The Vector API is an
 * optional dependency: without {@code --add-modules jdk.incubator.vector} the scalar kernels run.
 */
module dev.lanes.numerics {
    requires static jdk.incubator.vector;
    // To ask HotSpot whether C2 is on before choosing the Vector API (see KernelProvider).
    requires static jdk.management;

    exports dev.lanes.numerics;
}
