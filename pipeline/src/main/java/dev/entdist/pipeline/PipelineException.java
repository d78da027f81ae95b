package dev.entdist.pipeline;

/**
 * A request the pipeline cannot carry out with the data or model it was given (a model without
 * a feature configuration asked to read text, a word that does not occur in its context, labels
 * a model was not trained on). The message is one sentence a user can act on.
 */
public class PipelineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message for the user. */
  public PipelineException(String message) {
    super(message);
  }

  /** An exception with a message for the user and the cause behind it. */
  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
