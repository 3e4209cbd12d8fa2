/** Training reports: per-epoch statistics and the loss curve as an SVG picture. */
package dev.weft.train.report;
