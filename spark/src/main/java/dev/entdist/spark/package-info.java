/**
 * entdist's jobs on Apache Spark 3.5: {@link dev.entdist.spark.SparkPredict} (documents to
 * {@code entdist predict}'s lines), {@link dev.entdist.spark.SparkFeatures} (feature vectors
 * computed on the executors) and {@link dev.entdist.spark.SparkFitter} (the trainer's objective
 * summed over partitions, minimised by the trainer's own L-BFGS on the driver), each callable on
 * a user's own {@code SparkSession}, and {@link dev.entdist.spark.Main}, the command line of
 * {@code ./entdist-spark} and {@code spark-submit}. Models and OpenNLP pipelines are loaded once
 * per executor JVM.
 */
package dev.entdist.spark;
