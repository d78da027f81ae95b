/**
 * Distributions over HTTP: a Javalin server answering query and annotate requests with the JSON
 * the command line prints, and a static page that shows them. The JSON rendering of answers
 * ({@link dev.entdist.serve.JsonAnswers}) is shared with the command line.
 */
package dev.entdist.serve;
