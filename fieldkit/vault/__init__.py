"""The encrypted vault: passphrase-wrapped project keys, a SQLCipher index and per-object age blobs."""
