/**
 * The claims of the reference material and of LeCun et al.'s Efficient BackProp, as experiments that
 * {@code lanes experiment NAME} runs: each prints a table and writes an SVG chart. One class per experiment; each has a
 * {@code run} method taking its sizes, which the command calls with the defaults and the tests with smaller ones.
 */
package dev.lanes.cli.experiment;
