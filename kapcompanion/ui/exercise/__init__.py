"""ui/exercise"""
