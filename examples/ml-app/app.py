"""Ask questions about a few short documents: embed them, index them with FAISS, show the closest match."""
import os

import faiss
import numpy as np
import streamlit as st
import torch
from dotenv import load_dotenv  # no requirement line for python-dotenv: `pinreqs check` reports it
from langchain.text_splitter import RecursiveCharacterTextSplitter
from sentence_transformers import SentenceTransformer

load_dotenv()
MODEL = os.environ.get("EMBED_MODEL", "sentence-transformers/all-MiniLM-L6-v2")

DOCS = [
    "Wheels are built distributions; an sdist must be compiled on the target.",
    "A requirements file pins the exact versions a deploy installs.",
    "CPU-only hosts do not need the CUDA builds of PyTorch.",
]


@st.cache_resource
def load_index():
    model = SentenceTransformer(MODEL, device="cuda" if torch.cuda.is_available() else "cpu")
    splitter = RecursiveCharacterTextSplitter(chunk_size=200, chunk_overlap=20)
    chunks = [c for d in DOCS for c in splitter.split_text(d)]
    vectors = np.asarray(model.encode(chunks, normalize_embeddings=True), dtype="float32")
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return model, index, chunks


st.title("Ask the notes")
question = st.text_input("Question")
if question:
    model, index, chunks = load_index()
    query = np.asarray(model.encode([question], normalize_embeddings=True), dtype="float32")
    scores, ids = index.search(query, 1)
    st.write(chunks[ids[0][0]], f"(score {scores[0][0]:.2f})")
