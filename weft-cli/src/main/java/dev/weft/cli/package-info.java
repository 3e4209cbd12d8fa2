/**
 * The {@code weft} command line: one picocli command per verb, and {@link dev.weft.cli.Weft}, which
 * turns any failure into one line on stderr (the stack trace only with {@code --verbose}).
 */
package dev.weft.cli;
