"""ui/editor"""
