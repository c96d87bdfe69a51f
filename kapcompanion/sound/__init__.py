"""Sound: synthesis of the cues and the breath tone (pure numpy), the files in audio/, and the
audio engine that plays them in step with the pacer clock. Nothing here imports Qt."""
