"""ui/log"""
